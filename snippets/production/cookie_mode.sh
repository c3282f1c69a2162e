# As the user that runs the node, whose home holds the cookie
stat -c '%a' ~/.erlang.cookie
