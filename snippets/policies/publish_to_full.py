import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.queue_declare(queue="inbox", durable=True)

# Without publisher confirms, basic_publish returns once the message is sent:
# nothing tells the publisher that the full queue refused it.
channel.basic_publish(exchange="", routing_key="inbox", body="message 6")
print("Published message 6, and heard nothing back")
#> Published message 6, and heard nothing back

# With publisher confirms, the broker says whether it took each message.
channel.confirm_delivery()
try:
    channel.basic_publish(exchange="", routing_key="inbox", body="message 7")
    print("inbox took message 7")
except pika.exceptions.NackError:
    print("inbox refused message 7: it is full")
    #> inbox refused message 7: it is full

connection.close()
