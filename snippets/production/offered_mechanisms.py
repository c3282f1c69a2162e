import socket

import pika.frame

# Open an AMQP 0-9-1 connection by hand and read the server's first frame,
# connection.start, which lists the login mechanisms it offers.
with socket.create_connection(("localhost", 5672)) as sock:
    sock.sendall(b"AMQP\x00\x00\x09\x01")
    received, frame = b"", None
    while frame is None:
        received += sock.recv(4096)
        _, frame = pika.frame.decode_frame(received)
print(" ".join(sorted(frame.method.mechanisms.decode().split())))
