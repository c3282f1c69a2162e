# The file holds every user's password hash: readable by its owner only.
umask 077
curl -sS --fail-with-body -u guest:guest -o backup.json http://localhost:15672/api/definitions
python3 summarise_definitions.py backup.json
