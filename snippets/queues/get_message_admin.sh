rabbitmqadmin get messages --queue tasks --ack-mode ack_requeue_true
