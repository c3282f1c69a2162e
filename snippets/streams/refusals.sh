python3 stream_refusals.py
