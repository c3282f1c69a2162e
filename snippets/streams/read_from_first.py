import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# A stream consumer must set a prefetch count, and acknowledge what it reads.
channel.basic_qos(prefetch_count=100)
for method, properties, body in channel.consume(
    queue="events", arguments={"x-stream-offset": "first"}, inactivity_timeout=2
):
    if method is None:
        break  # nothing more for two seconds: the end of the stream
    print(f"offset {properties.headers['x-stream-offset']}: {body.decode()}")
    #> offset 0: event 1
    #> offset 1: event 2
    #> offset 2: event 3
    #> offset 3: event 4
    #> offset 4: event 5
    channel.basic_ack(delivery_tag=method.delivery_tag)

connection.close()
