# As root. Debian's rabbitmq.conf is /etc/rabbitmq/rabbitmq.conf (a node
# started with RABBITMQ_CONFIG_FILE set reads that file instead).
conf=${RABBITMQ_CONFIG_FILE:-/etc/rabbitmq/rabbitmq.conf}
cat >> "$conf" <<'END'
# Log clients in with a user name and password only: no ANONYMOUS.
auth_mechanisms.1 = PLAIN
auth_mechanisms.2 = AMQPLAIN
# Take AMQP clients on one interface only: here, this server's loopback.
listeners.tcp.1 = 127.0.0.1:5672
END
