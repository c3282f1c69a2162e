import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

channel.exchange_declare(exchange="dead_letters", exchange_type="fanout")
channel.queue_declare(queue="dead_letter_queue", durable=True)
channel.queue_bind(exchange="dead_letters", queue="dead_letter_queue")

channel.queue_declare(
    queue="incoming",
    durable=True,
    arguments={"x-dead-letter-exchange": "dead_letters"},
)
channel.basic_publish(exchange="", routing_key="incoming", body="not valid JSON")

# A consumer that cannot process a message rejects it; without requeueing, it
# goes to the dead-letter exchange instead of straight back to the queue.
method, properties, body = channel.basic_get(queue="incoming")
channel.basic_reject(delivery_tag=method.delivery_tag, requeue=False)
print(f"Rejected {body.decode()!r}")
#> Rejected 'not valid JSON'

# Wait for it in the dead-letter queue: dead-lettering takes a moment.
for method, properties, body in channel.consume(queue="dead_letter_queue"):
    channel.basic_ack(delivery_tag=method.delivery_tag)
    break
death = properties.headers["x-death"][0]
print(f"{body.decode()!r} dead-lettered from {death['queue']}: {death['reason']}")
#> 'not valid JSON' dead-lettered from incoming: rejected

connection.close()
