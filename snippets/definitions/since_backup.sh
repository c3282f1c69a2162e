# Since the backup: the user's password was rotated, and the queue deleted
# (its messages with it), to be declared again as a quorum queue.
printf '%s\n' 'n3w-s3cret' | rabbitmqctl change_password billing-app
rabbitmqctl delete_queue -p billing invoices
