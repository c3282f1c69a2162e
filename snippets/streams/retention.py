import time

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# A tiny stream, to see retention at work: at most 2000 bytes, in segment
# files of 1000 bytes (500 MB by default).
channel.queue_declare(
    queue="tiny",
    durable=True,
    arguments={
        "x-queue-type": "stream",
        "x-max-length-bytes": 2000,
        "x-stream-max-segment-size-bytes": 1000,
    },
)
channel.confirm_delivery()
for number in range(20):
    channel.basic_publish(exchange="", routing_key="tiny", body=f"{number:0200d}")


def first_offset():
    """The offset of the oldest message the stream still holds."""
    channel.basic_qos(prefetch_count=1)
    for method, properties, body in channel.consume(
        queue="tiny", arguments={"x-stream-offset": "first"}, inactivity_timeout=2
    ):
        channel.cancel()
        return properties.headers["x-stream-offset"]


# Retention runs when a segment fills, in the background: give it a moment.
deadline = time.monotonic() + 5
while first_offset() == 0 and time.monotonic() < deadline:
    time.sleep(0.2)
print(f"Published 20 messages; offset 0 is gone: {first_offset() > 0}")
#> Published 20 messages; offset 0 is gone: True

channel.queue_delete(queue="tiny")
connection.close()
