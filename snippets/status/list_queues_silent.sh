rabbitmqctl -s list_queues name messages consumers
