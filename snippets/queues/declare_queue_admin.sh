rabbitmqadmin declare queue --name tasks --durable true
