"""The engine's own tests: whole runs of the plugin go through pytest's ``pytester``."""

pytest_plugins = ["pytester"]
