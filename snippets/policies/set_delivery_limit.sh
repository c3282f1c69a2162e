rabbitmqctl set_policy --apply-to quorum_queues jobs-retries '^jobs$' \
  '{"delivery-limit":3,"dead-letter-exchange":"dead_letters"}'
