import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

channel.exchange_declare(exchange="dead_letters", exchange_type="fanout")
channel.queue_declare(queue="dead_letter_queue", durable=True)
channel.queue_bind(exchange="dead_letters", queue="dead_letter_queue")

# A queue that holds one message: a new one pushes the oldest out, to the
# dead-letter exchange.
channel.queue_declare(
    queue="latest_only",
    durable=True,
    arguments={"x-max-length": 1, "x-dead-letter-exchange": "dead_letters"},
)
channel.basic_publish(exchange="", routing_key="latest_only", body="first")
channel.basic_publish(exchange="", routing_key="latest_only", body="second")

for method, properties, body in channel.consume(queue="dead_letter_queue"):
    channel.basic_ack(delivery_tag=method.delivery_tag)
    break
death = properties.headers["x-death"][0]
print(f"{body.decode()!r} dead-lettered from {death['queue']}: {death['reason']}")
#> 'first' dead-lettered from latest_only: maxlen

method, properties, body = channel.basic_get(queue="latest_only", auto_ack=True)
print(f"latest_only holds {body.decode()!r}")
#> latest_only holds 'second'

connection.close()
