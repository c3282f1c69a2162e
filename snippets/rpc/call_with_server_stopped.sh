python3 rpc_client.py
