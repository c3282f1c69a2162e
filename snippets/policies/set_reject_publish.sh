rabbitmqctl set_policy --apply-to queues inbox-limits '^inbox$' '{"max-length":3,"overflow":"reject-publish"}'
