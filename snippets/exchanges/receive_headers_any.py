import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.exchange_declare(exchange="documents", exchange_type="headers")

queue = channel.queue_declare(queue="", exclusive=True).method.queue
# x-match any: one matching header is enough.
channel.queue_bind(
    exchange="documents",
    queue=queue,
    arguments={"x-match": "any", "format": "pdf", "type": "report"},
)


def callback(ch, method, properties, body):
    print(f"any of format=pdf, type=report: {body.decode()}")
    #> any of format=pdf, type=report: quarterly report (pdf)
    #> any of format=pdf, type=report: build log (pdf)


channel.basic_consume(queue=queue, on_message_callback=callback, auto_ack=True)

print("Waiting for PDFs and reports. To exit press CTRL+C")
#> Waiting for PDFs and reports. To exit press CTRL+C
try:
    channel.start_consuming()
except KeyboardInterrupt:
    channel.stop_consuming()
connection.close()
