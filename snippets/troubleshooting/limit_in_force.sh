rabbitmqctl environment | grep 'disk_free_limit,'
