import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.queue_declare(queue="task_queue", durable=True)

# The worker below works one second for each dot.
message = "A task that takes three seconds..."
channel.basic_publish(
    exchange="",
    routing_key="task_queue",
    body=message,
    properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent),
)
print(f"Sent {message!r}")
#> Sent 'A task that takes three seconds...'

connection.close()
