import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.queue_declare(queue="orders", durable=True)

# From now on basic_publish waits until the broker has taken each message.
channel.confirm_delivery()

channel.basic_publish(
    exchange="",
    routing_key="orders",
    body="order 1",
    properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent),
)
print("order 1 confirmed")
#> order 1 confirmed

# mandatory=True: a message no queue takes comes back, as an error.
try:
    channel.basic_publish(
        exchange="", routing_key="no-such-queue", body="order 2", mandatory=True
    )
except pika.exceptions.UnroutableError as error:
    print(f"order 2 returned: {error.messages[0].method.reply_text}")
    #> order 2 returned: NO_ROUTE

connection.close()
