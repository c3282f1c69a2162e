import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.queue_declare(queue="hello", durable=True)


def callback(ch, method, properties, body):
    print(f"Received {body.decode()}")


try:
    # pika 0.x: the callback first, and no_ack
    channel.basic_consume(callback, queue="hello", no_ack=True)
except TypeError as error:
    print(repr(error))
    #> TypeError("BlockingChannel.basic_consume() got multiple values for argument 'queue'")

connection.close()
