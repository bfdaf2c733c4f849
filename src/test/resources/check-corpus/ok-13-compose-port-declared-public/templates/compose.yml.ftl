services:
  web:
    image: nginx:1.27
    ports:
      - "80:80"
      - "0.0.0.0:443:443"
      - "127.0.0.1:8080:8080"
  p2p:
    image: example/p2p:1.0
    ports:
      - target: 30303
        published: 30303
        protocol: udp
