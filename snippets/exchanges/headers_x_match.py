import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.exchange_declare(exchange="headers_x", exchange_type="headers")

# The same binding headers, compared with x-match any and any-with-x.
queues = {}
for x_match in ["any", "any-with-x"]:
    queues[x_match] = channel.queue_declare(queue="", exclusive=True).method.queue
    channel.queue_bind(
        exchange="headers_x",
        queue=queues[x_match],
        arguments={"x-match": x_match, "x-tenant": "acme", "format": "zip"},
    )
channel.basic_publish(
    exchange="headers_x",
    routing_key="",
    body="acme's pdf",
    properties=pika.BasicProperties(headers={"x-tenant": "acme", "format": "pdf"}),
)

for x_match, queue in queues.items():
    method, properties, body = channel.basic_get(queue=queue, auto_ack=True)
    print(f"{x_match:<10} got {body.decode() if method else 'nothing'}")
    #> any        got nothing
    #> any-with-x got acme's pdf

channel.exchange_delete(exchange="headers_x")
connection.close()
