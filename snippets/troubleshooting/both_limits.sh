# As root. Debian's rabbitmq.conf is /etc/rabbitmq/rabbitmq.conf (a node
# started with RABBITMQ_CONFIG_FILE set reads that file instead).
conf=${RABBITMQ_CONFIG_FILE:-/etc/rabbitmq/rabbitmq.conf}
echo 'disk_free_limit.relative = 1.0' >> "$conf"
grep '^disk_free_limit' "$conf"
# start_app reads the configuration again.
rabbitmqctl stop_app && rabbitmqctl start_app
rabbitmqctl environment | grep 'disk_free_limit,'
