python3 anonymous_login.py
