# The default on RabbitMQ 4 (on 3.x it is 0.4); as set in rabbitmq.conf where it is.
rabbitmqctl set_vm_memory_high_watermark 0.6
