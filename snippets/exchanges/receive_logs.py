import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.exchange_declare(exchange="logs", exchange_type="fanout")

# Each receiver gets a queue of its own, and with it a copy of every message.
queue = channel.queue_declare(queue="", exclusive=True).method.queue
channel.queue_bind(exchange="logs", queue=queue)


def callback(ch, method, properties, body):
    print(f"Received {body.decode()}")
    #> Received service started


channel.basic_consume(queue=queue, on_message_callback=callback, auto_ack=True)

print("Waiting for logs. To exit press CTRL+C")
#> Waiting for logs. To exit press CTRL+C
try:
    channel.start_consuming()
except KeyboardInterrupt:
    channel.stop_consuming()
connection.close()
