# With no password argument, add_user reads it from standard input:
# it stays out of the shell history and out of `ps`.
printf '%s\n' 'correct-horse-battery' | rabbitmqctl add_user alice
