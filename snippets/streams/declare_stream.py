import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# A stream is durable, and keeps every message until its retention limit
# (here 1 GB; none unless set) is passed: then its oldest segment file goes.
channel.queue_declare(
    queue="events",
    durable=True,
    arguments={"x-queue-type": "stream", "x-max-length-bytes": 1_000_000_000},
)

# With publisher confirms, each message is stored when basic_publish returns.
channel.confirm_delivery()
for number in range(1, 6):
    channel.basic_publish(exchange="", routing_key="events", body=f"event {number}")
print("Published 5 events")
#> Published 5 events

connection.close()
