rabbitmq-diagnostics check_alarms || echo "exit code: $?"
