import pika

credentials = pika.PlainCredentials("billing-app", "s3cret")
parameters = pika.ConnectionParameters(
    "localhost", virtual_host="billing", credentials=credentials
)
connection = pika.BlockingConnection(parameters)
channel = connection.channel()

channel.queue_declare(queue="invoices", durable=True)
for number in (1, 2):
    channel.basic_publish(exchange="", routing_key="invoices", body=f"invoice {number}")
print("Published 2 invoices")
#> Published 2 invoices

connection.close()
