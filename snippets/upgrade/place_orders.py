import pika

credentials = pika.PlainCredentials("app", "s3cret")
parameters = pika.ConnectionParameters(
    "localhost", virtual_host="shop", credentials=credentials
)
connection = pika.BlockingConnection(parameters)
channel = connection.channel()
channel.queue_declare(queue="orders", durable=True)
# Confirmed by the broker, so that no order is lost on the way.
channel.confirm_delivery()

for number in range(1, 4):
    channel.basic_publish(
        exchange="",
        routing_key="orders",
        body=f"order {number}",
        properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent),
    )
print("Placed 3 orders")
#> Placed 3 orders
connection.close()
