import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.queue_declare(queue="tasks", durable=True)


def callback(ch, method, properties, body):
    print(f"Received {body.decode()}")
    #> Received Task 1
    #> Received Task 2
    #> Received Task 3
    ch.basic_ack(delivery_tag=method.delivery_tag)


channel.basic_consume(queue="tasks", on_message_callback=callback)
print("Consuming from tasks. To exit press CTRL+C")
#> Consuming from tasks. To exit press CTRL+C
try:
    channel.start_consuming()
except KeyboardInterrupt:
    channel.stop_consuming()
connection.close()
