# As root: the user the node logged it in as, from the node's log
grep -o "user '[^']*' authenticated using SASL mechanism ANONYMOUS" "$(rabbitmq-diagnostics -q log_location)" || echo "No anonymous login in the log"
