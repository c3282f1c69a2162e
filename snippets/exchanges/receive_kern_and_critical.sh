python3 receive_logs_topic.py "kern.*" "*.critical"
