# As root. Debian's rabbitmq.conf is /etc/rabbitmq/rabbitmq.conf (a node
# started with RABBITMQ_CONFIG_FILE set reads that file instead).
conf=${RABBITMQ_CONFIG_FILE:-/etc/rabbitmq/rabbitmq.conf}
echo 'disk_free_limit.relative = 1.0' >> "$conf"
grep '^disk_free_limit' "$conf"
# The node reads rabbitmq.conf when it starts: restart it.
systemctl restart rabbitmq-server
rabbitmqctl environment | grep 'disk_free_limit,'
