import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.queue_declare(queue="inbox", durable=True)

# basic_get returns no message (None) once the queue is empty.
while True:
    method, properties, body = channel.basic_get(queue="inbox", auto_ack=True)
    if method is None:
        break
    print(body.decode())
    #> message 3
    #> message 4
    #> message 5

connection.close()
