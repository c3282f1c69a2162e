import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.exchange_declare(exchange="documents", exchange_type="headers")

# A headers exchange routes on the message's headers, not its routing key.
for headers, body in [
    ({"format": "pdf", "type": "report"}, "quarterly report (pdf)"),
    ({"format": "pdf", "type": "log"}, "build log (pdf)"),
    ({"format": "zip", "type": "log"}, "build log (zip)"),
]:
    properties = pika.BasicProperties(headers=headers)
    channel.basic_publish(
        exchange="documents", routing_key="", body=body, properties=properties
    )
    print(f"Sent {body}")
    #> Sent quarterly report (pdf)
    #> Sent build log (pdf)
    #> Sent build log (zip)

connection.close()
