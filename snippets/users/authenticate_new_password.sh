printf '%s\n' 'staple-orbit-lantern' | rabbitmqctl authenticate_user alice
