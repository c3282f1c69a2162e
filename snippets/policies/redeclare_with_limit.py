import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# inbox as it was declared...
channel.queue_declare(queue="inbox", durable=True)
try:
    # ...and declared again with a length limit in its arguments.
    channel.queue_declare(queue="inbox", durable=True, arguments={"x-max-length": 3})
except pika.exceptions.ChannelClosedByBroker as error:
    print(error.reply_code, error.reply_text)
    #> 406 PRECONDITION_FAILED - inequivalent arg 'x-max-length' for queue 'inbox' in vhost '/': received the value '3' of type 'signedint' but current is none

connection.close()
