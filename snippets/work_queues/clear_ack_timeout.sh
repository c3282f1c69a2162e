rabbitmqctl clear_policy ack-timeout
