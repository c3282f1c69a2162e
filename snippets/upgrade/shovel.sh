# Move as many messages as the old server's queue holds now, then delete itself.
rabbitmqctl set_parameter -p shop shovel move-orders '{
  "src-uri": "amqp://shovel:m0ve-0rders@old-server/shop", "src-queue": "orders",
  "dest-uri": "amqp:///shop", "dest-queue": "orders",
  "src-delete-after": "queue-length"}'
