# Back to the value in rabbitmq.conf
rabbitmqctl set_disk_free_limit 100MB
