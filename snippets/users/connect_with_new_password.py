import pika

credentials = pika.PlainCredentials("alice", "staple-orbit-lantern")
parameters = pika.ConnectionParameters("localhost", credentials=credentials)

try:
    connection = pika.BlockingConnection(parameters)
    print("Connected as alice")
    #> Connected as alice
    connection.close()
except pika.exceptions.ProbableAccessDeniedError as error:
    print(f"No access to the vhost: {error.args[0]}")
except pika.exceptions.ProbableAuthenticationError as error:
    print(f"Login refused: {error.args[0]}")
