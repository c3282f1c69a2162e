import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

method, properties, body = channel.basic_get(queue="tasks")
if method is None:
    print("The queue is empty")
else:
    print(f"Got {body.decode()!r}, {method.message_count} more in the queue")
    #> Got 'a test message', 1 more in the queue
    # Rejected with requeue rather than acknowledged: the message stays in the queue.
    channel.basic_reject(delivery_tag=method.delivery_tag, requeue=True)

connection.close()
