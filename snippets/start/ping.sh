rabbitmq-diagnostics ping
