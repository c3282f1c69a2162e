import time

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# Where expired (or rejected) messages go.
channel.exchange_declare(exchange="dead_letters", exchange_type="fanout")
channel.queue_declare(queue="dead_letter_queue", durable=True)
channel.queue_bind(exchange="dead_letters", queue="dead_letter_queue")

# Messages live one second in this queue, then are dead-lettered.
channel.queue_declare(
    queue="short_lived",
    durable=True,
    arguments={"x-message-ttl": 1000, "x-dead-letter-exchange": "dead_letters"},
)
channel.basic_publish(exchange="", routing_key="short_lived", body="reminder")
print("Published to short_lived")
#> Published to short_lived

time.sleep(2)
method, properties, body = channel.basic_get(queue="dead_letter_queue", auto_ack=True)
death = properties.headers["x-death"][0]
print(f"{body.decode()!r} dead-lettered from {death['queue']}: {death['reason']}")
#> 'reminder' dead-lettered from short_lived: expired

connection.close()
