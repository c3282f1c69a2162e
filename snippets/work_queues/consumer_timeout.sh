rabbitmq-diagnostics -q environment | grep consumer_timeout
