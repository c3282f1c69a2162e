import pika

# guest, with its default password, from this server to node1...
try:
    pika.BlockingConnection(pika.ConnectionParameters("node1"))
except pika.exceptions.ProbableAuthenticationError as error:
    print("node1 refused guest:", error)
    #> node1 refused guest: ConnectionClosedByBroker: (403) 'ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile.'

# ...and to the broker on this server itself, which lets guest in.
connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
print("localhost let guest in")
#> localhost let guest in
connection.close()
