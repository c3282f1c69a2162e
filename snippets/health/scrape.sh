# The broker refreshes these figures every 5 seconds (collect_statistics_interval).
sleep 5
curl -sS http://localhost:15692/metrics |
    grep -E '^rabbitmq_(queue_messages_ready|queue_messages_unacked|connections|alarms_[a-z_]+) '
