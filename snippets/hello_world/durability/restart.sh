# As root: stop the node, then start it again from what it kept on disk.
systemctl restart rabbitmq-server
