import pika

QUORUM = {"x-queue-type": "quorum"}

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

channel.queue_declare(queue="payments", durable=True, arguments=QUORUM)
print("Declared the quorum queue payments")
#> Declared the quorum queue payments

# A quorum queue is always durable: the broker refuses a non-durable one...
channel = connection.channel()
try:
    channel.queue_declare(queue="refused", durable=False, arguments=QUORUM)
except pika.exceptions.ChannelClosedByBroker as error:
    print(error.reply_code, error.reply_text)
    #> 406 PRECONDITION_FAILED - invalid property 'non-durable' for queue 'refused' in vhost '/'

# ...and an exclusive one.
channel = connection.channel()
try:
    channel.queue_declare(
        queue="refused", durable=True, exclusive=True, arguments=QUORUM
    )
except pika.exceptions.ChannelClosedByBroker as error:
    print(error.reply_code, error.reply_text)
    #> 406 PRECONDITION_FAILED - invalid property 'exclusive-owner' for queue 'refused' in vhost '/'

connection.close()
