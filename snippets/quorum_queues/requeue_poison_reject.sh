python3 requeue_poison.py reject
