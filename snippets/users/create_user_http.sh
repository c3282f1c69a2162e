# Both calls create, or replace what is there.
curl -sS --fail-with-body -u guest:guest -X PUT -H 'content-type: application/json' \
    -d '{"password": "tangerine-ladder", "tags": ""}' \
    http://localhost:15672/api/users/bob
curl -sS --fail-with-body -u guest:guest -X PUT -H 'content-type: application/json' \
    -d '{"configure": ".*", "write": ".*", "read": ".*"}' \
    http://localhost:15672/api/permissions/%2F/bob
