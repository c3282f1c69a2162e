python3 new_task.py
