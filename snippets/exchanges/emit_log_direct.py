import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.exchange_declare(exchange="direct_logs", exchange_type="direct")

for severity, message in [
    ("info", "disk 40% full"),
    ("warning", "disk 85% full"),
    ("error", "disk full"),
]:
    channel.basic_publish(exchange="direct_logs", routing_key=severity, body=message)
    print(f"Sent {severity}: {message}")
    #> Sent info: disk 40% full
    #> Sent warning: disk 85% full
    #> Sent error: disk full

connection.close()
