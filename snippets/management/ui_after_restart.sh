curl -sS --fail-with-body http://localhost:15672/ | grep -o '<title>.*</title>'
