rabbitmqctl list_connections name user state
