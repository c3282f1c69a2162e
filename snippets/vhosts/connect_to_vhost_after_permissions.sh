python3 connect_to_vhost.py
