python3 emit_log_topic.py cron.info "A cron job finished"
