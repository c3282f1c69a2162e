"""Keeping a run to itself: namespaces, hosts of its own, the brokers' root file systems, programs in sessions of their own."""
