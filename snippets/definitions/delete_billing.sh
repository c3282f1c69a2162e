# Deleting the virtual host deletes its queues, their messages, its policies
# and the permissions in it.
rabbitmqctl delete_vhost billing
rabbitmqctl delete_user billing-app
