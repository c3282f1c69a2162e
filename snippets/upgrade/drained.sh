# Nothing left on the old server; the move's user goes too.
rabbitmqctl list_queues -p shop name messages
rabbitmqctl delete_user shovel
