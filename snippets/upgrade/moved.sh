# Wait until the shovel has deleted itself, then count what arrived.
while rabbitmqctl -q list_parameters -p shop | grep -q move-orders; do sleep 1; done
rabbitmqctl list_queues -p shop name messages
