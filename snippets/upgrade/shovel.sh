rabbitmq-plugins enable rabbitmq_shovel
# Move what the old server's queue holds into this one's, then stop.
rabbitmqctl set_parameter -p shop shovel move-orders '{
  "src-uri": "amqp://app:s3cret@old-server/shop", "src-queue": "orders",
  "dest-uri": "amqp:///shop", "dest-queue": "orders",
  "src-delete-after": "queue-length"}'
