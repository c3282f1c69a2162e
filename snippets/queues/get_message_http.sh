curl -sS --fail-with-body -u guest:guest -X POST \
    -H 'content-type: application/json' \
    -d '{"count": 1, "ackmode": "ack_requeue_true", "encoding": "auto"}' \
    http://localhost:15672/api/queues/%2F/tasks/get | python3 -m json.tool
