# The server's private key, a signing request for it, and the certificate
# the CA makes from that request, valid for the name localhost.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -quiet -out server_key.pem
openssl req -new -key server_key.pem -subj "/CN=localhost" -out server.csr
openssl x509 -req -in server.csr -CA ca_certificate.pem -CAkey ca_key.pem -days 365 \
  -extfile <(echo "subjectAltName = DNS:localhost") -out server_certificate.pem
