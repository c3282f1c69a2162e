"""Keeping a run to itself: namespaces, hosts of its own, and the brokers' root file systems."""
