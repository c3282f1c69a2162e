import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# From offset 3 on: the fourth message and those after it.
channel.basic_qos(prefetch_count=100)
for method, properties, body in channel.consume(
    queue="events", arguments={"x-stream-offset": 3}, inactivity_timeout=2
):
    if method is None:
        break
    print(f"offset {properties.headers['x-stream-offset']}: {body.decode()}")
    #> offset 3: event 4
    #> offset 4: event 5
    channel.basic_ack(delivery_tag=method.delivery_tag)

connection.close()
