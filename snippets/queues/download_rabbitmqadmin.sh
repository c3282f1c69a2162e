curl -sS -o /dev/null -w '%{http_code}\n' http://localhost:15672/cli/rabbitmqadmin
