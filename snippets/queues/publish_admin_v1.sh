# no exchange=: the default exchange, which routes by queue name
rabbitmqadmin publish routing_key=tasks payload='a test message'
