import pika

CONFIRMED = 100

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

received = []
# Gives up if nothing comes for 30 seconds, rather than waiting forever.
for method, properties, body in channel.consume("orders", inactivity_timeout=30):
    if method is None:
        break
    received.append(body.decode())
    channel.basic_ack(method.delivery_tag)
    if len(received) == CONFIRMED:
        break
channel.cancel()

print(f"Received {len(received)} orders: {received[0]} to {received[-1]}")
#> Received 100 orders: order 1 to order 100
connection.close()
