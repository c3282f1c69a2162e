rabbitmqctl list_queues name policy
