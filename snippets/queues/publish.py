import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

channel.basic_publish(exchange="", routing_key="tasks", body="a test message")
print("Published")
#> Published

connection.close()
