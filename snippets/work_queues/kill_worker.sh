pkill -KILL -f worker.py
