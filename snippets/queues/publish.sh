./rabbitmqadmin publish routing_key=tasks payload="a test message"
