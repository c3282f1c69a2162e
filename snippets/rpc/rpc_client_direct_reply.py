import time
import uuid

import pika

TIMEOUT = 2  # seconds to wait for an answer

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
# Direct reply-to: no reply queue at all. Consume from this pseudo-queue,
# without acknowledgements, before publishing a request that names it.
answers = {}


def on_response(ch, method, properties, body):
    answers[properties.correlation_id] = int(body)


channel.basic_consume(
    queue="amq.rabbitmq.reply-to", on_message_callback=on_response, auto_ack=True
)

request_id = str(uuid.uuid4())
channel.basic_publish(
    exchange="",
    routing_key="rpc_queue",
    properties=pika.BasicProperties(
        reply_to="amq.rabbitmq.reply-to", correlation_id=request_id
    ),
    body="20",
)
deadline = time.monotonic() + TIMEOUT
while request_id not in answers and time.monotonic() < deadline:
    connection.process_data_events(time_limit=0.1)

if request_id in answers:
    print(f"fib(20) = {answers[request_id]}")
    #> fib(20) = 6765
else:
    print(f"No answer within {TIMEOUT} seconds")

connection.close()
