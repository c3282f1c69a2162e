# 204 (No Content): imported.
curl -sS --fail-with-body -u guest:guest -H 'content-type: application/json' \
    -d @backup.json -w '%{http_code}\n' http://localhost:15672/api/definitions
rabbitmqctl list_policies -p billing
