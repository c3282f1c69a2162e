import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# Declare the queue exactly as the sender does: the broker refuses a
# declaration whose arguments differ from the existing queue's.
channel.queue_declare(queue="hello", durable=True)


def callback(ch, method, properties, body):
    print(f"Received {body.decode()}")
    #> Received Hello World!
    # Acknowledge only once the work is done: if this process dies first,
    # the broker delivers the message to another consumer.
    ch.basic_ack(delivery_tag=method.delivery_tag)


# At most one unacknowledged message at a time for this consumer.
channel.basic_qos(prefetch_count=1)
channel.basic_consume(queue="hello", on_message_callback=callback, auto_ack=False)

print("Waiting for messages. To exit press CTRL+C")
#> Waiting for messages. To exit press CTRL+C
try:
    channel.start_consuming()
except KeyboardInterrupt:
    channel.stop_consuming()
connection.close()
