import threading
import time

import pika

TASKS = 10


def worker(name, seconds_per_task, prefetch, handled, ready):
    """Consume from fair_dispatch until all tasks are done; count our own."""
    connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
    channel = connection.channel()
    if prefetch:
        channel.basic_qos(prefetch_count=1)

    def callback(ch, method, properties, body):
        time.sleep(seconds_per_task)
        handled[name] += 1
        ch.basic_ack(delivery_tag=method.delivery_tag)

    channel.basic_consume(queue="fair_dispatch", on_message_callback=callback)
    ready.wait()
    while sum(handled.values()) < TASKS:
        connection.process_data_events(time_limit=0.1)
    connection.close()


def share_tasks(prefetch):
    """Start a fast and a slow worker, send them TASKS tasks, count who did what."""
    connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
    channel = connection.channel()
    channel.queue_declare(queue="fair_dispatch", durable=True)
    handled = {"fast": 0, "slow": 0}
    ready = threading.Barrier(3)
    workers = [
        threading.Thread(target=worker, args=("fast", 0.01, prefetch, handled, ready)),
        threading.Thread(target=worker, args=("slow", 0.5, prefetch, handled, ready)),
    ]
    for thread in workers:
        thread.start()
    ready.wait()  # both workers are consuming
    for number in range(TASKS):
        channel.basic_publish(
            exchange="", routing_key="fair_dispatch", body=f"task {number}"
        )
    for thread in workers:
        thread.join()
    channel.queue_delete(queue="fair_dispatch")
    connection.close()
    return handled


with_prefetch = share_tasks(prefetch=True)
print(f"basic_qos(prefetch_count=1): {with_prefetch}")
#> basic_qos(prefetch_count=1): {'fast': 9, 'slow': 1}
without_prefetch = share_tasks(prefetch=False)
print(f"no prefetch limit: {without_prefetch}")
#> no prefetch limit: {'fast': 5, 'slow': 5}
