import sys

import pika

routing_key = sys.argv[1] if len(sys.argv) > 1 else "anonymous.info"
message = " ".join(sys.argv[2:]) or "Hello World!"

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.exchange_declare(exchange="topic_logs", exchange_type="topic")

channel.basic_publish(exchange="topic_logs", routing_key=routing_key, body=message)
print(f"Sent {routing_key}: {message}")
connection.close()
