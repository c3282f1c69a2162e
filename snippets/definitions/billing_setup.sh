# An application's virtual host, user, permissions and queue policy.
rabbitmqctl add_vhost billing
printf '%s\n' 's3cret' | rabbitmqctl add_user billing-app
rabbitmqctl set_permissions -p billing billing-app '.*' '.*' '.*'
rabbitmqctl set_policy -p billing --apply-to queues invoices-limit '^invoices$' '{"max-length":10000}'
