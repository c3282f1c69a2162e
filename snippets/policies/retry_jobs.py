import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# Declared without a limit or a dead-letter exchange: the policy gives them.
channel.queue_declare(queue="jobs", durable=True, arguments={"x-queue-type": "quorum"})
channel.basic_publish(exchange="", routing_key="jobs", body="a job that always fails")

# A consumer that fails on it every time, and rejects it back to the queue.
deliveries = 0
for method, properties, body in channel.consume("jobs", inactivity_timeout=1):
    if method is None or deliveries == 10:  # a second without one, or enough
        break
    deliveries += 1
    channel.basic_reject(delivery_tag=method.delivery_tag, requeue=True)
channel.cancel()
print(f"jobs delivered it {deliveries} times")

method, properties, body = channel.basic_get(queue="dead_letter_queue", auto_ack=True)
if method is None:
    print("dead_letter_queue is empty")
else:
    death = properties.headers["x-death"][0]
    print(f"{body.decode()!r} dead-lettered from {death['queue']}: {death['reason']}")

connection.close()
