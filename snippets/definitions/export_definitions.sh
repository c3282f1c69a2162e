# The file holds every user's password hash: make it readable by its owner only.
umask 077
rabbitmqctl export_definitions definitions.json
stat -c '%A %n' definitions.json
