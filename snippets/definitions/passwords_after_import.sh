# The import put back the password hash the file holds: the rotated
# password is refused, the old one works again.
printf '%s\n' 'n3w-s3cret' | rabbitmqctl authenticate_user billing-app || echo "exit code: $?"
printf '%s\n' 's3cret' | rabbitmqctl authenticate_user billing-app
