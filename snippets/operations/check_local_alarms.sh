rabbitmq-diagnostics check_local_alarms || echo "exit code: $?"
