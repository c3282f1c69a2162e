rabbitmqctl list_queues name arguments messages
