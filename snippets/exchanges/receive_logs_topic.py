import os
import sys

import pika


def main():
    binding_keys = sys.argv[1:]
    if not binding_keys:
        sys.stderr.write(f"Usage: {sys.argv[0]} [binding_key]...\n")
        sys.exit(1)

    connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
    channel = connection.channel()
    channel.exchange_declare(exchange="topic_logs", exchange_type="topic")

    # A queue of our own, bound once for each binding key.
    queue = channel.queue_declare(queue="", exclusive=True).method.queue
    for binding_key in binding_keys:
        channel.queue_bind(exchange="topic_logs", queue=queue, routing_key=binding_key)

    def callback(ch, method, properties, body):
        print(f"{method.routing_key}: {body.decode()}")

    channel.basic_consume(queue=queue, on_message_callback=callback, auto_ack=True)

    print(f"Waiting for {', '.join(binding_keys)}. To exit press CTRL+C")
    channel.start_consuming()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        print("Interrupted")
        try:
            sys.exit(0)
        except SystemExit:
            os._exit(0)
