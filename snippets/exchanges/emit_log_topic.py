import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.exchange_declare(exchange="topic_logs", exchange_type="topic")

for routing_key, message in [
    ("kern.critical", "kernel panic"),
    ("kern.info", "module loaded"),
    ("cron.critical", "job failed"),
    ("cron.info", "job done"),
]:
    channel.basic_publish(exchange="topic_logs", routing_key=routing_key, body=message)
    print(f"Sent {routing_key}: {message}")
    #> Sent kern.critical: kernel panic
    #> Sent kern.info: module loaded
    #> Sent cron.critical: job failed
    #> Sent cron.info: job done

connection.close()
