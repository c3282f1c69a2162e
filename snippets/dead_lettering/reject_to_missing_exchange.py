import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# A dead-letter exchange named, but never declared.
channel.queue_declare(
    queue="orphaned",
    durable=True,
    arguments={"x-dead-letter-exchange": "no_such_exchange"},
)
channel.basic_publish(exchange="", routing_key="orphaned", body="an order")

method, properties, body = channel.basic_get(queue="orphaned")
channel.basic_reject(delivery_tag=method.delivery_tag, requeue=False)
print(f"Rejected {body.decode()!r}")
#> Rejected 'an order'

# Nowhere to go: the broker dropped it, and said nothing.
left = channel.queue_declare(queue="orphaned", passive=True).method.message_count
print(f"orphaned holds {left} messages")
#> orphaned holds 0 messages
try:
    channel.exchange_declare(exchange="no_such_exchange", passive=True)
except pika.exceptions.ChannelClosedByBroker as error:
    print(error.reply_code, error.reply_text)
    #> 404 NOT_FOUND - no exchange 'no_such_exchange' in vhost '/'

connection.close()
