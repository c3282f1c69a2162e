pkill -INT -f rpc_server.py
