import pika

# Without blocked_connection_timeout a blocked publisher waits forever.
parameters = pika.ConnectionParameters("localhost", blocked_connection_timeout=2)
connection = pika.BlockingConnection(parameters)
channel = connection.channel()
# With publisher confirms, basic_publish waits for the broker to take the message.
channel.confirm_delivery()

try:
    channel.basic_publish(exchange="", routing_key="hello", body="Hello again!")
    print("Published")
except pika.exceptions.ConnectionBlockedTimeout as error:
    print(f"Gave up: {error!r}")
    #> Gave up: ConnectionBlockedTimeout: ('Blocked connection timeout expired.',)
