import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.queue_declare(queue="orders", durable=True)

# From now on basic_publish waits until the broker confirms each message.
channel.confirm_delivery()

channel.basic_publish(
    exchange="",
    routing_key="orders",
    body="order 1",
    properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent),
)
print("order 1 confirmed")
#> order 1 confirmed

# A message no queue takes is confirmed too: the confirm alone does not
# say that a queue has it.
channel.basic_publish(exchange="", routing_key="no-such-queue", body="order 2")
print("order 2 confirmed, and dropped")
#> order 2 confirmed, and dropped

# mandatory=True: a message no queue takes comes back, as an error.
try:
    channel.basic_publish(
        exchange="", routing_key="no-such-queue", body="order 3", mandatory=True
    )
except pika.exceptions.UnroutableError as error:
    print(f"order 3 returned: {error.messages[0].method.reply_text}")
    #> order 3 returned: NO_ROUTE

# A queue full to its length limit that refuses more (reject-publish): the
# broker confirms negatively, and pika raises NackError.
channel.queue_declare(
    queue="orders_capped",
    durable=True,
    arguments={"x-max-length": 1, "x-overflow": "reject-publish"},
)
for number in (4, 5):
    try:
        channel.basic_publish(
            exchange="", routing_key="orders_capped", body=f"order {number}"
        )
        print(f"order {number} confirmed")
        #> order 4 confirmed
    except pika.exceptions.NackError:
        print(f"order {number} refused")
        #> order 5 refused

connection.close()
