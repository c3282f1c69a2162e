# The producers are stopped: move what is left, and wait until it has moved.
rabbitmqctl set_parameter -p shop shovel move-orders '{
  "src-uri": "amqp://shovel:m0ve-0rders@old-server/shop", "src-queue": "orders",
  "dest-uri": "amqp:///shop", "dest-queue": "orders",
  "src-delete-after": "queue-length"}'
while rabbitmqctl -q list_parameters -p shop | grep -q move-orders; do sleep 1; done
rabbitmqctl list_queues -p shop name messages
