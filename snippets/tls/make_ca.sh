# The certificate authority: a private key, and a certificate for that key
# which it signs itself, valid for a year, allowed to sign certificates.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -quiet -out ca_key.pem
openssl req -x509 -new -key ca_key.pem -days 365 -subj "/CN=Cheat sheet CA" \
  -addext "keyUsage = critical, keyCertSign, cRLSign" -out ca_certificate.pem
