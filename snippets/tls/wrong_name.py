import ssl

import pika

context = ssl.create_default_context(cafile="ca_certificate.pem")


def connect(host, server_hostname):
    """Connect to host, checking that the server's certificate names server_hostname."""
    parameters = pika.ConnectionParameters(
        host, 5671, ssl_options=pika.SSLOptions(context, server_hostname)
    )
    try:
        pika.BlockingConnection(parameters).close()
        print(f"{host} as {server_hostname}: connected")
        #> 127.0.0.1 as localhost: connected
    except ssl.SSLCertVerificationError as error:
        print(f"{host} as {server_hostname}: {error.reason}: {error.verify_message}")
        #> 127.0.0.1 as 127.0.0.1: CERTIFICATE_VERIFY_FAILED: IP address mismatch, certificate is not valid for '127.0.0.1'.
        #> 127.0.0.1 as rabbit.example.com: CERTIFICATE_VERIFY_FAILED: Hostname mismatch, certificate is not valid for 'rabbit.example.com'.


# The certificate names localhost only: not its address, not another name.
connect("127.0.0.1", "127.0.0.1")
connect("127.0.0.1", "rabbit.example.com")
# The name checked is server_hostname, not the host connected to.
connect("127.0.0.1", "localhost")
