# With no password argument, add_user reads it from standard input, so it
# stays out of `ps` (printf is built into the shell). This line, password
# and all, still goes into the shell's history.
printf '%s\n' 'correct-horse-battery' | rabbitmqctl add_user alice
