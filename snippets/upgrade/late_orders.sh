# The application still publishes to the old server.
python3 place_orders.py
