rabbitmq-queues quorum_status payments --formatter json | python3 -m json.tool
