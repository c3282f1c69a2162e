import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.queue_declare(queue="inbox", durable=True)

# With publisher confirms, the broker says whether it took each message.
channel.confirm_delivery()
try:
    channel.basic_publish(exchange="", routing_key="inbox", body="message 6")
    print("inbox took message 6")
except pika.exceptions.NackError:
    print("inbox refused message 6: it is full")
    #> inbox refused message 6: it is full

connection.close()
