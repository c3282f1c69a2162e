# As root
systemctl restart rabbitmq-server
