# As root. Debian's rabbitmq.conf is /etc/rabbitmq/rabbitmq.conf (a node
# started with RABBITMQ_CONFIG_FILE set reads that file instead).
conf=${RABBITMQ_CONFIG_FILE:-/etc/rabbitmq/rabbitmq.conf}
cat >> "$conf" <<EOF
listeners.ssl.default = 5671
ssl_options.cacertfile = $PWD/ca_certificate.pem
ssl_options.certfile = $PWD/server_certificate.pem
ssl_options.keyfile = $PWD/server_key.pem
ssl_options.verify = verify_none
EOF
# The node reads rabbitmq.conf when it starts: restart it.
systemctl restart rabbitmq-server
