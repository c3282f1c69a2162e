import pika

credentials = pika.PlainCredentials("billing-app", "n3w-s3cret")
parameters = pika.ConnectionParameters(
    "localhost", virtual_host="billing", credentials=credentials
)
connection = pika.BlockingConnection(parameters)
channel = connection.channel()

# The queue again, as a quorum queue, and a new one.
channel.queue_declare(
    queue="invoices", durable=True, arguments={"x-queue-type": "quorum"}
)
channel.queue_declare(queue="refunds", durable=True)
print("Declared invoices (quorum) and refunds")
#> Declared invoices (quorum) and refunds

connection.close()
