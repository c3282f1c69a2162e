python3 read_from_first.py
