curl -sS --fail-with-body http://localhost:15672/ || echo "exit code: $?"
