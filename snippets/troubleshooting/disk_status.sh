rabbitmq-diagnostics -q status | grep 'disk space'
