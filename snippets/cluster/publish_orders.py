import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
# A quorum queue: a member on each of the three nodes.
channel.queue_declare(
    queue="orders", durable=True, arguments={"x-queue-type": "quorum"}
)
# Each publish returns once a majority of the members have the message.
channel.confirm_delivery()

for number in range(1, 101):
    channel.basic_publish(
        exchange="",
        routing_key="orders",
        body=f"order {number}",
        properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent),
    )
print("100 orders confirmed")
#> 100 orders confirmed
connection.close()
