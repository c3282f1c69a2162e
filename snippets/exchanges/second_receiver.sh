python3 receive_logs.py
