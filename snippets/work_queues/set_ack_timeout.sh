rabbitmqctl set_policy --apply-to queues ack-timeout '^slow_' '{"consumer-timeout":2000}'
