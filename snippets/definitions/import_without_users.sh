# The import above put the old password back: set the current one again.
printf '%s\n' 'n3w-s3cret' | rabbitmqctl change_password billing-app
rabbitmqctl import_definitions definitions-without-users.json
printf '%s\n' 'n3w-s3cret' | rabbitmqctl authenticate_user billing-app
