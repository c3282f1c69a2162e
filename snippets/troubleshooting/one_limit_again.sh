conf=${RABBITMQ_CONFIG_FILE:-/etc/rabbitmq/rabbitmq.conf}
sed -i '/^disk_free_limit.relative/d' "$conf"
rabbitmqctl stop_app && rabbitmqctl start_app
rabbitmqctl environment | grep 'disk_free_limit,'
