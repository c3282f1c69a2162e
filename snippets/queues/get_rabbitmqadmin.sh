curl -sS -o rabbitmqadmin http://localhost:15672/cli/rabbitmqadmin && chmod +x rabbitmqadmin
