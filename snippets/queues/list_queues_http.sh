curl -sS --fail-with-body -u guest:guest \
    'http://localhost:15672/api/queues?columns=name,durable' | python3 -m json.tool
