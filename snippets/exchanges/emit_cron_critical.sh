python3 emit_log_topic.py cron.critical "A critical cron error"
