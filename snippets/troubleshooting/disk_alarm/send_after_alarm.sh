python3 send.py
