conf=${RABBITMQ_CONFIG_FILE:-/etc/rabbitmq/rabbitmq.conf}
sed -i '/^disk_free_limit.relative/d' "$conf"
systemctl restart rabbitmq-server
rabbitmqctl environment | grep 'disk_free_limit,'
