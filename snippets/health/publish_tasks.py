import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.queue_declare(queue="tasks", durable=True)

for number in range(1, 6):
    channel.basic_publish(
        exchange="",
        routing_key="tasks",
        body=f"task {number}",
        properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent),
    )
print("Published 5 tasks")
#> Published 5 tasks

connection.close()
