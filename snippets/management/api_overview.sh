curl -sS --fail-with-body -u guest:guest http://localhost:15672/api/overview |
    python3 -c 'import json, sys; print(sorted(json.load(sys.stdin)["object_totals"].items()))'
