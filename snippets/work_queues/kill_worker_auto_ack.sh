pkill -KILL -f worker_auto_ack.py
