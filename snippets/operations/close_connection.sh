# close_connection takes the connection's process id: that of the one
# whose client named itself "worker".
pid=$(rabbitmqctl list_connections -s pid client_properties |
    grep '{"connection_name","worker"}' | cut -f1)
rabbitmqctl close_connection "$pid" "Closed for maintenance"
