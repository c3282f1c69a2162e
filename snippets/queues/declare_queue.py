import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# Declaring is idempotent: a queue that exists with the same arguments is left as is.
result = channel.queue_declare(queue="tasks", durable=True)
print(f"Declared {result.method.queue}, {result.method.message_count} messages")
#> Declared tasks, 0 messages

connection.close()
