rabbitmqctl list_queues name messages consumers
