rabbitmqctl clear_policy inbox-limits
