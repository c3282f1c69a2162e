rabbitmqadmin get queue=tasks
