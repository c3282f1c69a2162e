python3 hold_tasks.py
