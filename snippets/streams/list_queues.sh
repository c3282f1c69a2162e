rabbitmqctl list_queues name type durable arguments
