# As root: rabbitmq.conf is read when the node starts
systemctl restart rabbitmq-server
