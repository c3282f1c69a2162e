# On node3, forgotten by the cluster: start afresh and join again.
rabbitmqctl reset
rabbitmqctl join_cluster rabbit@node1
rabbitmqctl start_app
