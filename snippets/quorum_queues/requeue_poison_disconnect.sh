python3 requeue_poison.py disconnect
