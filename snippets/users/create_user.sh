printf '%s\n' 'tangerine-ladder' | rabbitmqctl add_user bob
rabbitmqctl set_permissions -p / bob '.*' '.*' '.*'
