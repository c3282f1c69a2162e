rabbitmq-queues --formatter json quorum_status payments | python3 -m json.tool
