rabbitmqctl list_queues name type leader members
