rabbitmq-diagnostics alarms
