rabbitmq-queues grow rabbit@node3 all
