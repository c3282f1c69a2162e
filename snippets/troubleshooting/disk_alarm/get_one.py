import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

method, properties, body = channel.basic_get(queue="hello", auto_ack=True)
print(f"Received {body.decode()}")
#> Received Hello World!

connection.close()
