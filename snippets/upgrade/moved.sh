# The shovel deletes itself once it has moved what the queue held.
while rabbitmqctl -q list_parameters -p shop | grep -q move-orders; do sleep 1; done
rabbitmqctl list_queues -p shop name messages
