import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.exchange_declare(exchange="documents", exchange_type="headers")

queue = channel.queue_declare(queue="", exclusive=True).method.queue
# x-match all: every header below must match.
channel.queue_bind(
    exchange="documents",
    queue=queue,
    arguments={"x-match": "all", "format": "pdf", "type": "report"},
)


def callback(ch, method, properties, body):
    print(f"all of format=pdf, type=report: {body.decode()}")
    #> all of format=pdf, type=report: quarterly report (pdf)


channel.basic_consume(queue=queue, on_message_callback=callback, auto_ack=True)

print("Waiting for PDF reports. To exit press CTRL+C")
#> Waiting for PDF reports. To exit press CTRL+C
try:
    channel.start_consuming()
except KeyboardInterrupt:
    channel.stop_consuming()
connection.close()
