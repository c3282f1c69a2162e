import signal

import pika


def give_up(signum, frame):
    raise TimeoutError("no answer within 5 seconds")


connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# queue_declare waits for the broker's answer: give up after 5 seconds.
signal.signal(signal.SIGALRM, give_up)
signal.alarm(5)
try:
    channel.queue_declare(queue="invoices", durable=True)
    print("Queue invoices declared")
    connection.close()
except TimeoutError as error:
    print("Queue invoices:", error)
