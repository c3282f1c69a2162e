rabbitmq-diagnostics check_running 2>&1 || echo "exit code: $?"
