# What an application uses on the old server: a virtual host, a user, a queue.
rabbitmqctl add_vhost shop
printf '%s\n' 's3cret' | rabbitmqctl add_user app
rabbitmqctl set_permissions -p shop app '.*' '.*' '.*'
