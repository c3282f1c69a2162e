# configure, write, read: regular expressions over resource names in vhost /
rabbitmqctl set_permissions -p / alice '.*' '.*' '.*'
