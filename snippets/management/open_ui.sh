# The UI's login page
curl -sS http://localhost:15672/ | grep -o '<title>.*</title>'
