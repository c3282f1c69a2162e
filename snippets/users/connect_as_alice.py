import pika

credentials = pika.PlainCredentials("alice", "correct-horse-battery")
parameters = pika.ConnectionParameters("localhost", credentials=credentials)

try:
    connection = pika.BlockingConnection(parameters)
    print("Connected as alice")
    connection.close()
except pika.exceptions.ProbableAccessDeniedError as error:
    print(f"No access to the vhost: {error.args[0]}")
    #> No access to the vhost: ConnectionClosedByBroker: (530) "NOT_ALLOWED - access to vhost '/' refused for user 'alice'"
except pika.exceptions.ProbableAuthenticationError as error:
    print(f"Login refused: {error.args[0]}")
