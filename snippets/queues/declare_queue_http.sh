# %2F is the default virtual host, "/"
curl -sS --fail-with-body -u guest:guest -X PUT \
    -H 'content-type: application/json' -d '{"durable": true}' \
    http://localhost:15672/api/queues/%2F/tasks
