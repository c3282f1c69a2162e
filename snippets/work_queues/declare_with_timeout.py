import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()

# A classic queue with a consumer timeout of its own, as a queue argument.
try:
    channel.queue_declare(
        queue="classic_with_timeout",
        durable=True,
        arguments={"x-queue-type": "classic", "x-consumer-timeout": 2000},
    )
    print("Declared classic_with_timeout")
except pika.exceptions.ChannelClosedByBroker as error:
    print(error.reply_code, error.reply_text)

connection.close()
