# The flags still disabled, if any: the list of enabled ones grows with each
# plugin enabled, and is not what this check is for.
rabbitmqctl -s list_feature_flags state name | grep '^disabled' || echo "Every feature flag is enabled."
