printf '%s\n' 'staple-orbit-lantern' | rabbitmqctl change_password alice
