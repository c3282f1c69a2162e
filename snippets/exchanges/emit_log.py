import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.exchange_declare(exchange="logs", exchange_type="fanout")

# A fanout exchange ignores the routing key.
channel.basic_publish(exchange="logs", routing_key="", body="service started")
print("Sent service started")
#> Sent service started

connection.close()
