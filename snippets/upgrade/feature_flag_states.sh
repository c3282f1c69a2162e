# By state, then name: a flag still disabled comes first.
rabbitmqctl -s list_feature_flags state name | sort
