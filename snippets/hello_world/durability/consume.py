import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# basic_get fetches one message, or None once the queue is empty.
while True:
    method, properties, body = channel.basic_get(queue="durable_queue", auto_ack=True)
    if method is None:
        break
    print(f"Received {body.decode()!r}")
    #> Received 'persistent, durable queue'

connection.close()
