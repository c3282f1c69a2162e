import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))

# No prefetch count: the broker closes the channel.
channel = connection.channel()
try:
    channel.basic_consume(queue="events", on_message_callback=print)
except pika.exceptions.ChannelClosedByBroker as error:
    print(error.reply_code, error.reply_text)

# Automatic acknowledgement: the broker closes the connection.
channel = connection.channel()
channel.basic_qos(prefetch_count=100)
try:
    channel.basic_consume(queue="events", on_message_callback=print, auto_ack=True)
except pika.exceptions.ConnectionClosedByBroker as error:
    print(error.reply_code, error.reply_text)
