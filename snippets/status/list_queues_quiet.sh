rabbitmqctl -q list_queues name messages consumers
