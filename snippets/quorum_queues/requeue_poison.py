import sys

import pika

# How a consumer hands back a message it cannot process: basic_reject or
# basic_nack with requeue=True, or by losing its connection (as a crash would).
how = sys.argv[1]
queue = f"poison_{how}"
parameters = pika.ConnectionParameters("localhost")

connection = pika.BlockingConnection(parameters)
channel = connection.channel()
channel.queue_declare(queue=queue, durable=True, arguments={"x-queue-type": "quorum"})
channel.basic_publish(exchange="", routing_key=queue, body="cannot be processed")

consumer = pika.BlockingConnection(parameters)
consumer_channel = consumer.channel()
deliveries = 0
delivery_count = None
while deliveries < 30:
    # The next delivery, or None after a second without one.
    method, properties, body = next(
        consumer_channel.consume(queue, inactivity_timeout=1)
    )
    if method is None:
        break
    deliveries += 1
    delivery_count = (properties.headers or {}).get("x-delivery-count")
    if how == "reject":
        consumer_channel.basic_reject(delivery_tag=method.delivery_tag, requeue=True)
    elif how == "nack":
        consumer_channel.basic_nack(delivery_tag=method.delivery_tag, requeue=True)
    else:  # its unacknowledged message goes back to the queue; a new consumer comes
        consumer.close()
        consumer = pika.BlockingConnection(parameters)
        consumer_channel = consumer.channel()
consumer.close()

print(
    f"{how}: {deliveries} deliveries, the last with x-delivery-count {delivery_count}"
)
if deliveries < 30:
    left = channel.queue_declare(queue=queue, passive=True).method.message_count
    print(f"then none: the queue dropped it, and holds {left} messages")
else:
    print("and it still comes back")
connection.close()
