python3 connect_as_alice.py
