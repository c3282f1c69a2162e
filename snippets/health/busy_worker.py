import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.queue_declare(queue="tasks", durable=True)


def callback(ch, method, properties, body):
    # Still working on it: no acknowledgement yet, so the broker counts the
    # message as unacknowledged, and sends no more than the prefetch limit.
    print(f"Working on {body.decode()}")
    #> Working on task 1
    #> Working on task 2


channel.basic_qos(prefetch_count=2)
channel.basic_consume(queue="tasks", on_message_callback=callback)

print("Waiting for tasks. To exit press CTRL+C")
#> Waiting for tasks. To exit press CTRL+C
try:
    channel.start_consuming()
except KeyboardInterrupt:
    channel.stop_consuming()
# Closing the connection hands its unacknowledged messages back to the queue.
connection.close()
