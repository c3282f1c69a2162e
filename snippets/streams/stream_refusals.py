import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))

# No prefetch count: the broker closes the channel.
channel = connection.channel()
try:
    channel.basic_consume(queue="events", on_message_callback=print)
except pika.exceptions.ChannelClosedByBroker as error:
    print(error.reply_code, error.reply_text)

# A prefetch count for the whole channel (global QoS).
channel = connection.channel()
channel.basic_qos(prefetch_count=100, global_qos=True)
try:
    channel.basic_consume(queue="events", on_message_callback=print)
except pika.exceptions.ChannelClosedByBroker as error:
    print(error.reply_code, error.reply_text)
else:
    print("global QoS taken as per consumer: consuming")

# Automatic acknowledgement: the broker closes the connection.
channel = connection.channel()
channel.basic_qos(prefetch_count=100)
try:
    channel.basic_consume(queue="events", on_message_callback=print, auto_ack=True)
except pika.exceptions.ConnectionClosedByBroker as error:
    print(error.reply_code, error.reply_text)
