import time

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.queue_declare(queue="task_queue", durable=True)


def callback(ch, method, properties, body):
    print(f"Working on {body.decode()!r}")
    #> Working on 'A task that takes three seconds...'
    time.sleep(body.count(b"."))
    print("Done")


# auto_ack=True: the broker forgets each task as soon as it has sent it.
channel.basic_consume(queue="task_queue", on_message_callback=callback, auto_ack=True)

print("Waiting for tasks. To exit press CTRL+C")
#> Waiting for tasks. To exit press CTRL+C
try:
    channel.start_consuming()
except KeyboardInterrupt:
    channel.stop_consuming()
connection.close()
