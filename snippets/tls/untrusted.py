import ssl

import pika

# The system's trusted CAs only: ours is not one of them.
context = ssl.create_default_context()
parameters = pika.ConnectionParameters(
    "localhost", 5671, ssl_options=pika.SSLOptions(context, "localhost")
)

try:
    pika.BlockingConnection(parameters)
except pika.exceptions.AMQPConnectionError:
    print("pika.exceptions.AMQPConnectionError")
except ssl.SSLCertVerificationError as error:
    # pika raises the ssl module's own error, not an AMQPConnectionError.
    print(type(error).__name__, error.reason)
    #> SSLCertVerificationError CERTIFICATE_VERIFY_FAILED
    print(error.verify_message)
    #> self-signed certificate in certificate chain
