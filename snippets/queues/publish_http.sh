# amq.default is the default exchange, which routes by queue name
curl -sS --fail-with-body -u guest:guest -X POST \
    -H 'content-type: application/json' \
    -d '{"routing_key": "tasks", "payload": "a test message", "payload_encoding": "string", "properties": {}}' \
    http://localhost:15672/api/exchanges/%2F/amq.default/publish
echo
