rabbitmqctl list_queues -p shop name messages
