rabbitmqctl import_definitions definitions.json
# The user came with its password, the virtual host with its queue; not the messages.
printf '%s\n' 's3cret' | rabbitmqctl authenticate_user app
rabbitmqctl list_queues -p shop name durable messages
