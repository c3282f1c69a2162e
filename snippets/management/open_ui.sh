curl -sS -o /dev/null -w '%{http_code} %{content_type}\n' http://localhost:15672/
