import time

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.queue_declare(queue="task_queue", durable=True)


def callback(ch, method, properties, body):
    print(f"Working on {body.decode()!r}")
    #> Working on 'A task that takes three seconds...'
    if method.redelivered:
        print("(redelivered: a worker before this one took it and died)")
    time.sleep(body.count(b"."))
    print("Done")
    # Only now is the task off the broker's hands.
    ch.basic_ack(delivery_tag=method.delivery_tag)


# One unacknowledged task at a time: a busy worker gets no more.
channel.basic_qos(prefetch_count=1)
channel.basic_consume(queue="task_queue", on_message_callback=callback, auto_ack=False)

print("Waiting for tasks. To exit press CTRL+C")
#> Waiting for tasks. To exit press CTRL+C
try:
    channel.start_consuming()
except KeyboardInterrupt:
    channel.stop_consuming()
connection.close()
