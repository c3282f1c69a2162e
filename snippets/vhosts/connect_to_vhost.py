import pika

parameters = pika.ConnectionParameters("localhost", virtual_host="staging")

try:
    connection = pika.BlockingConnection(parameters)
    print("Connected to staging")
    connection.close()
except pika.exceptions.ProbableAccessDeniedError as error:
    print(f"No access to staging: {error.args[0]}")
    #> No access to staging: ConnectionClosedByBroker: (530) "NOT_ALLOWED - access to vhost 'staging' refused for user 'guest'"
