import pika

credentials = pika.PlainCredentials("alice", "staple-orbit-lantern")
parameters = pika.ConnectionParameters("localhost", credentials=credentials)
connection = pika.BlockingConnection(parameters)
print("Connected as alice. To exit press CTRL+C")
#> Connected as alice. To exit press CTRL+C
try:
    while True:
        connection.process_data_events(time_limit=None)
except pika.exceptions.ConnectionClosedByBroker as error:
    print(f"Closed by the broker: {error!r}")
    #> Closed by the broker: ConnectionClosedByBroker: (320) "CONNECTION_FORCED - user 'alice' is deleted"
except KeyboardInterrupt:
    connection.close()
