import pika

PATTERNS = ["kern.*", "*.critical", "kern.#", "#", "kern", "#.critical"]
KEYS = ["kern", "kern.critical", "kern.disk.critical", "cron.critical"]

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.exchange_declare(exchange="topic_patterns", exchange_type="topic")

# One queue per binding key; publish every routing key once, see where it landed.
queues = {}
for pattern in PATTERNS:
    queues[pattern] = channel.queue_declare(queue="", exclusive=True).method.queue
    channel.queue_bind(
        exchange="topic_patterns", queue=queues[pattern], routing_key=pattern
    )
for key in KEYS:
    channel.basic_publish(exchange="topic_patterns", routing_key=key, body=key)

for pattern in PATTERNS:
    matched = []
    while True:
        method, properties, body = channel.basic_get(
            queue=queues[pattern], auto_ack=True
        )
        if method is None:
            break
        matched.append(body.decode())
    print(f"{pattern:<10} matches {', '.join(matched) or 'nothing'}")
    #> kern.*     matches kern.critical
    #> *.critical matches kern.critical, cron.critical
    #> kern.#     matches kern, kern.critical, kern.disk.critical
    #> #          matches kern, kern.critical, kern.disk.critical, cron.critical
    #> kern       matches kern
    #> #.critical matches kern.critical, kern.disk.critical, cron.critical

channel.exchange_delete(exchange="topic_patterns")
connection.close()
