import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# Where inbox's policy sends its dead letters.
channel.exchange_declare(exchange="dead_letters", exchange_type="fanout")
channel.queue_declare(queue="dead_letter_queue", durable=True)
channel.queue_bind(exchange="dead_letters", queue="dead_letter_queue")

# Still declared without arguments: the TTL comes from the policy.
channel.queue_declare(queue="inbox", durable=True)
channel.basic_publish(exchange="", routing_key="inbox", body="reminder")
print("Published to inbox")
#> Published to inbox

# Wait for it in the dead-letter queue, where it lands once it has expired.
for method, properties, body in channel.consume(queue="dead_letter_queue"):
    channel.basic_ack(delivery_tag=method.delivery_tag)
    break
death = properties.headers["x-death"][0]
print(f"{body.decode()!r} dead-lettered from {death['queue']}: {death['reason']}")
#> 'reminder' dead-lettered from inbox: expired

connection.close()
