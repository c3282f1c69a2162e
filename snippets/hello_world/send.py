import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# durable: the queue itself survives a broker restart
channel.queue_declare(queue="hello", durable=True)

channel.basic_publish(
    exchange="",  # the default exchange routes by queue name
    routing_key="hello",
    body="Hello World!",
    # persistent (2): the message is written to disk, too
    properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent),
)
print("Sent 'Hello World!'")
#> Sent 'Hello World!'

connection.close()
