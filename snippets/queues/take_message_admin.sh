rabbitmqadmin get messages --queue tasks
