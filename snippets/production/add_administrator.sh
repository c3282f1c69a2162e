# Your own administrator first, with a password of its own. To keep it out of
# the shell's history, read it first (read -rs PASSWORD) and pipe "$PASSWORD".
printf '%s\n' 'quarry-ember-violin-atlas' | rabbitmqctl add_user admin
rabbitmqctl set_user_tags admin administrator
rabbitmqctl set_permissions -p / admin '.*' '.*' '.*'
