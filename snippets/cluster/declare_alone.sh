python3 declare_alone.py
