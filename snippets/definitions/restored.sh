rabbitmqctl list_queues -p billing name durable messages
rabbitmqctl list_policies -p billing
# The user came back with its password hash: the password still works.
printf '%s\n' 's3cret' | rabbitmqctl authenticate_user billing-app
