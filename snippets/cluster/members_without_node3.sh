rabbitmqctl list_queues name members
