import ssl

import pika

# Trust the certificates our CA signed, and no other: the client checks the
# server's certificate against it, and that it was made for "localhost".
context = ssl.create_default_context(cafile="ca_certificate.pem")
parameters = pika.ConnectionParameters(
    "localhost", 5671, ssl_options=pika.SSLOptions(context, "localhost")
)

connection = pika.BlockingConnection(parameters)
channel = connection.channel()
channel.queue_declare(queue="tls_hello", durable=True)

channel.basic_publish(exchange="", routing_key="tls_hello", body="Hello over TLS!")
print("Sent 'Hello over TLS!'")
#> Sent 'Hello over TLS!'

method, properties, body = channel.basic_get(queue="tls_hello", auto_ack=True)
print(f"Received {body.decode()}")
#> Received Hello over TLS!

connection.close()
