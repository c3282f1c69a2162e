openssl verify -CAfile ca_certificate.pem server_certificate.pem
openssl x509 -in server_certificate.pem -noout -subject -issuer -ext subjectAltName
