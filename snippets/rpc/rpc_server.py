import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.queue_declare(queue="rpc_queue", durable=True)


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def on_request(ch, method, properties, body):
    n = int(body)
    print(f"fib({n}) requested")
    #> fib(30) requested
    #> fib(20) requested
    # Answer to the queue the client named, with the id it gave.
    ch.basic_publish(
        exchange="",
        routing_key=properties.reply_to,
        properties=pika.BasicProperties(correlation_id=properties.correlation_id),
        body=str(fib(n)),
    )
    ch.basic_ack(delivery_tag=method.delivery_tag)


channel.basic_qos(prefetch_count=1)
channel.basic_consume(queue="rpc_queue", on_message_callback=on_request)

print("Awaiting RPC requests. To exit press CTRL+C")
#> Awaiting RPC requests. To exit press CTRL+C
try:
    channel.start_consuming()
except KeyboardInterrupt:
    channel.stop_consuming()
connection.close()
