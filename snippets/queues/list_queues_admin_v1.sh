rabbitmqadmin list queues name durable
