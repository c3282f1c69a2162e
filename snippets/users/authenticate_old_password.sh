printf '%s\n' 'correct-horse-battery' | rabbitmqctl authenticate_user alice || echo "exit code: $?"
