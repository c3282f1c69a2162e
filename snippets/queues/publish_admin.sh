# no --exchange: the default exchange, which routes by queue name
rabbitmqadmin publish message --routing-key tasks --payload 'a test message'
