rabbitmqctl import_definitions definitions.json
# invoices stays a quorum queue; refunds, not in the file, stays too.
rabbitmqctl list_queues -p billing name type arguments
