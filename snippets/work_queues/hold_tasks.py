import threading
import time

import pika

# A classic and a quorum queue, each with a consumer that takes a task and
# never acknowledges it.
QUEUES = {"slow_classic": "classic", "slow_quorum": "quorum"}
WAIT = 5  # seconds; the ack-timeout policy's timeout is 2

outcomes = {}
stops = []
finished = threading.Event()


def hold_a_task(queue, queue_type, consuming):
    connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
    channel = connection.channel()
    channel.queue_declare(
        queue=queue, durable=True, arguments={"x-queue-type": queue_type}
    )
    channel.basic_publish(exchange="", routing_key=queue, body="a slow task")

    def on_task(ch, method, properties, body):
        pass  # working on it, and never done: no basic_ack

    def on_cancel(method_frame):
        outcomes[queue] = "the broker cancelled the consumer"
        channel.stop_consuming()

    def stop():
        if channel.is_open:
            channel.stop_consuming()

    channel.add_on_cancel_callback(on_cancel)
    channel.basic_consume(queue=queue, on_message_callback=on_task)
    stops.append(lambda: connection.add_callback_threadsafe(stop))
    consuming.set()
    try:
        channel.start_consuming()
    except pika.exceptions.ChannelClosedByBroker as error:
        outcomes[queue] = (
            f"the broker closed the channel: {error.reply_code} {error.reply_text}"
        )
    else:
        if queue in outcomes:  # cancelled, on a channel still open
            ready = channel.queue_declare(
                queue=queue, passive=True
            ).method.message_count
            outcomes[queue] += f"; its channel is open, {ready} task ready in the queue"
    finished.wait()
    connection.close()


threads = []
for queue, queue_type in QUEUES.items():
    consuming = threading.Event()
    threads.append(
        threading.Thread(target=hold_a_task, args=(queue, queue_type, consuming))
    )
    threads[-1].start()
    consuming.wait()

time.sleep(WAIT)
for stop in stops:
    stop()
finished.set()
for thread in threads:
    thread.join()
for queue in QUEUES:
    held = outcomes.get(queue, "the consumer still holds its task, unacknowledged")
    print(f"{queue}, {WAIT} s on: {held}")
