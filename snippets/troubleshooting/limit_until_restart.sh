rabbitmqctl set_disk_free_limit 60MB
rabbitmq-diagnostics -q status | grep 'disk space watermark'
# As root: the node starts again with the limit rabbitmq.conf sets.
systemctl restart rabbitmq-server
rabbitmq-diagnostics -q status | grep 'disk space watermark'
