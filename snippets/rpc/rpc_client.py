import time
import uuid

import pika

TIMEOUT = 2  # seconds to wait for an answer

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
# A private queue for the answers.
reply_queue = channel.queue_declare(queue="", exclusive=True).method.queue
answers = {}


def on_response(ch, method, properties, body):
    answers[properties.correlation_id] = int(body)


channel.basic_consume(queue=reply_queue, on_message_callback=on_response, auto_ack=True)

request_id = str(uuid.uuid4())
channel.basic_publish(
    exchange="",
    routing_key="rpc_queue",
    properties=pika.BasicProperties(reply_to=reply_queue, correlation_id=request_id),
    body="30",
)
# Wait for our answer, but not forever: the server may be down.
deadline = time.monotonic() + TIMEOUT
while request_id not in answers and time.monotonic() < deadline:
    connection.process_data_events(time_limit=0.1)

if request_id in answers:
    print(f"fib(30) = {answers[request_id]}")
    #> fib(30) = 832040
else:
    print(f"No answer within {TIMEOUT} seconds")

connection.close()
