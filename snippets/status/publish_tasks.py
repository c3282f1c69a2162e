import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.queue_declare(queue="tasks", durable=True)
for number in range(1, 4):
    channel.basic_publish(
        exchange="",
        routing_key="tasks",
        body=f"Task {number}",
        properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent),
    )
print("Published 3 messages to tasks")
#> Published 3 messages to tasks
connection.close()
