rabbitmqctl list_queues name messages consumers --formatter json
