# A user for the move alone: it may read the queue orders, nothing else.
printf '%s\n' 'm0ve-0rders' | rabbitmqctl add_user shovel
rabbitmqctl set_permissions -p shop shovel '^$' '^$' '^orders$'
