rabbitmqctl -q list_feature_flags name state | grep -v enabled
