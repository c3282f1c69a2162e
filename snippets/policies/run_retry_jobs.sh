python3 retry_jobs.py
