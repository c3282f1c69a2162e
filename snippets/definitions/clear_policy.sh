rabbitmqctl clear_policy -p billing invoices-limit
