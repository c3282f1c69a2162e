import signal

import pika


def give_up(signum, frame):
    raise TimeoutError("not confirmed within 5 seconds")


connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.confirm_delivery()

# basic_publish waits for the confirm: give up after 5 seconds.
signal.signal(signal.SIGALRM, give_up)
signal.alarm(5)
try:
    channel.basic_publish(exchange="", routing_key="orders", body="order 101")
    print("Confirmed")
except TimeoutError as error:
    print("Order 101", error)
    #> Order 101 not confirmed within 5 seconds
