import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.exchange_declare(exchange="topic_logs", exchange_type="topic")

queue = channel.queue_declare(queue="", exclusive=True).method.queue
# Everything from the kernel, and anything critical.
for binding_key in ["kern.*", "*.critical"]:
    channel.queue_bind(exchange="topic_logs", queue=queue, routing_key=binding_key)


def callback(ch, method, properties, body):
    print(f"{method.routing_key}: {body.decode()}")
    #> kern.critical: kernel panic
    #> kern.info: module loaded
    #> cron.critical: job failed


channel.basic_consume(queue=queue, on_message_callback=callback, auto_ack=True)

print("Waiting for kern.* and *.critical. To exit press CTRL+C")
#> Waiting for kern.* and *.critical. To exit press CTRL+C
try:
    channel.start_consuming()
except KeyboardInterrupt:
    channel.stop_consuming()
connection.close()
