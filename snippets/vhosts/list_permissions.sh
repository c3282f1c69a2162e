rabbitmqctl list_permissions -p staging
