# As root. Debian's conf.d is /etc/rabbitmq/conf.d (a node started with
# RABBITMQ_CONFIG_FILES set reads that directory instead).
rm "${RABBITMQ_CONFIG_FILES:-/etc/rabbitmq/conf.d}/relative_limit.conf"
systemctl restart rabbitmq-server
rabbitmqctl environment | grep 'disk_free_limit,'
