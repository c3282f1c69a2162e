import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# The sender declares the queue durable...
channel.queue_declare(queue="hello", durable=True)
try:
    # ...and the old receiver declared it without durable=True.
    channel.queue_declare(queue="hello")
except pika.exceptions.ChannelClosedByBroker as error:
    print(repr(error))
    #> ChannelClosedByBroker: (406) "PRECONDITION_FAILED - inequivalent arg 'durable' for queue 'hello' in vhost '/': received 'false' but current is 'true'"

connection.close()
