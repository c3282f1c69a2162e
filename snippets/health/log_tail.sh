rabbitmq-diagnostics log_tail -N 3
