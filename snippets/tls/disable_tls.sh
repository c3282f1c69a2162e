conf=${RABBITMQ_CONFIG_FILE:-/etc/rabbitmq/rabbitmq.conf}
sed -i '/^listeners\.ssl\./d; /^ssl_options\./d' "$conf"
systemctl restart rabbitmq-server
