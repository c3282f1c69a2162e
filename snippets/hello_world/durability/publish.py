import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

channel.queue_declare(queue="durable_queue", durable=True)
channel.queue_declare(queue="transient_queue", durable=False)

persistent = pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent)
transient = pika.BasicProperties(delivery_mode=pika.DeliveryMode.Transient)
channel.basic_publish(
    "", "durable_queue", "persistent, durable queue", properties=persistent
)
channel.basic_publish(
    "", "durable_queue", "transient, durable queue", properties=transient
)
channel.basic_publish(
    "", "transient_queue", "persistent, transient queue", properties=persistent
)
print("Published three messages")
#> Published three messages

connection.close()
