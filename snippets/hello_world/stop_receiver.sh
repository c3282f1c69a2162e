pkill -INT -f receive.py
