import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

try:
    channel.queue_declare(queue="hello", duarable=True)
except TypeError as error:
    print(repr(error))
    #> TypeError("BlockingChannel.queue_declare() got an unexpected keyword argument 'duarable'")

connection.close()
