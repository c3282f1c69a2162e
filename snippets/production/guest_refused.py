import pika

# guest, with its well-known password, on the server itself
try:
    pika.BlockingConnection(pika.ConnectionParameters("localhost"))
    print("guest got in")
except pika.exceptions.ProbableAuthenticationError as error:
    print("guest refused:", error)
    #> guest refused: ConnectionClosedByBroker: (403) 'ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile.'
