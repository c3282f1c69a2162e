rabbitmq-diagnostics environment | grep -E '\{(disk_free_limit|vm_memory_high_watermark),'
