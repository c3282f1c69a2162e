# set_vm_memory_high_watermark leaves the node's environment as it started:
# put back the fraction it holds (the default, or what rabbitmq.conf set).
fraction=$(rabbitmq-diagnostics environment |
    sed -n 's/^ *{vm_memory_high_watermark,\([0-9.]*\)},\{0,1\}$/\1/p')
rabbitmqctl set_vm_memory_high_watermark "$fraction"
