import pika

# The name shows in `rabbitmqctl list_connections client_properties` and in
# the management UI, so that an operator can tell this connection apart.
parameters = pika.ConnectionParameters(
    "localhost", client_properties={"connection_name": "worker"}
)
connection = pika.BlockingConnection(parameters)
channel = connection.channel()
channel.queue_declare(queue="jobs", durable=True)


def callback(ch, method, properties, body):
    print(f"Done {body.decode()}")
    #> Done job 1
    #> Done job 2
    #> Done job 3
    ch.basic_ack(delivery_tag=method.delivery_tag)


channel.basic_qos(prefetch_count=1)
channel.basic_consume(
    queue="jobs", on_message_callback=callback, consumer_tag="worker-1"
)

print("Waiting for jobs. To exit press CTRL+C")
#> Waiting for jobs. To exit press CTRL+C
try:
    channel.start_consuming()
except pika.exceptions.ConnectionClosedByBroker as error:
    # An operator closed the connection: a real worker would reconnect.
    print(f"Closed by the broker: {error!r}")
    #> Closed by the broker: ConnectionClosedByBroker: (320) 'CONNECTION_FORCED - Closed for maintenance'
except KeyboardInterrupt:
    channel.stop_consuming()
    connection.close()
