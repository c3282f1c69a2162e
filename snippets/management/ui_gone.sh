curl -sS http://localhost:15672/ || echo "exit code: $?"
