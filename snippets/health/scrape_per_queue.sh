curl -sS 'http://localhost:15692/metrics/detailed?family=queue_coarse_metrics' |
    grep -E '^rabbitmq_detailed_queue_messages(_ready|_unacked)?\{'
