import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.exchange_declare(exchange="direct_logs", exchange_type="direct")

# A queue of our own: named by the broker, deleted when we disconnect.
queue = channel.queue_declare(queue="", exclusive=True).method.queue
for severity in ["warning", "error"]:
    channel.queue_bind(exchange="direct_logs", queue=queue, routing_key=severity)


def callback(ch, method, properties, body):
    print(f"{method.routing_key}: {body.decode()}")
    #> warning: disk 85% full
    #> error: disk full


channel.basic_consume(queue=queue, on_message_callback=callback, auto_ack=True)

print("Waiting for warnings and errors. To exit press CTRL+C")
#> Waiting for warnings and errors. To exit press CTRL+C
try:
    channel.start_consuming()
except KeyboardInterrupt:
    channel.stop_consuming()
connection.close()
