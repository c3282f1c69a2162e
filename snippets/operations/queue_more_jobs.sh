python3 queue_jobs.py
