import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.queue_declare(queue="greetings", durable=True)

# exchange="" is the default exchange: the routing key names the queue.
channel.basic_publish(exchange="", routing_key="greetings", body="Hi!")

method, properties, body = channel.basic_get(queue="greetings", auto_ack=True)
print(f"greetings got {body.decode()!r} from exchange {method.exchange!r}")
#> greetings got 'Hi!' from exchange ''

connection.close()
