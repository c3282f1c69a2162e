import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.queue_declare(queue="jobs", durable=True)

for number in range(1, 4):
    channel.basic_publish(
        exchange="",
        routing_key="jobs",
        body=f"job {number}",
        properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent),
    )
print("Queued 3 jobs")
#> Queued 3 jobs

connection.close()
