rabbitmqctl list_queues name durable
