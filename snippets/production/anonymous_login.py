from rabbitmq_amqp_python_client import Environment
from rabbitmq_amqp_python_client.qpid.proton import ConnectionException

# No user name and no password in the address: the client offers SASL ANONYMOUS.
environment = Environment("amqp://localhost:5672/")
try:
    connection = environment.connection()
    connection.dial()
    print("Connected with no credentials")
    connection.close()
except ConnectionException as error:
    print(f"Refused: {error}")
