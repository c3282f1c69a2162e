rabbitmqctl list_queues -p shop name durable messages
