# As the user that runs the node (on Debian: sudo -u rabbitmq rabbitmq-diagnostics ...),
# to see the cookie the node reads
rabbitmq-diagnostics erlang_cookie_sources
