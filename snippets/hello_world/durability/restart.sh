# Stop and start RabbitMQ inside its running Erlang node. Restarting the
# whole service (sudo systemctl restart rabbitmq-server) does the same to
# queues and messages.
rabbitmqctl stop_app
rabbitmqctl start_app
