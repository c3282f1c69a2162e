import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# A queue declared without arguments: no TTL, no length limit.
channel.queue_declare(queue="inbox", durable=True)
for number in range(1, 6):
    channel.basic_publish(exchange="", routing_key="inbox", body=f"message {number}")
print("Published 5 messages to inbox")
#> Published 5 messages to inbox

connection.close()
