python3 requeue_poison.py nack
