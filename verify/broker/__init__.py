"""A private, throwaway RabbitMQ node, run as Debian's package runs it."""
