"""A private, throwaway RabbitMQ node: its life, its erl_call channel, and its state, put back after each page."""
