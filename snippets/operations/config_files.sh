rabbitmq-diagnostics -q status | grep -A2 'Config files'
