rabbitmq-diagnostics -q status | grep 'Memory high watermark'
