# -p names the vhost; without it, permissions are set on "/"
rabbitmqctl set_permissions -p staging guest '.*' '.*' '.*'
