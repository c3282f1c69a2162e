python3 emit_log_topic.py kern.critical "A critical kernel error"
