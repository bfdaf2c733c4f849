services:
  web:
    image: nginx:1.27
    ports:
      - "${http_port?c}:80"
      - "127.0.0.1:9090:9090"
      - "0.0.0.0:8443:443"
      - "[::]:6379:6379"
      - "[::1]:6380:6380"
      - "9000/udp"
      - target: 5432
        published: 5432
      - target: 5433
        published: 5433
        host_ip: 127.0.0.1
  exporter:
    image: prom/node-exporter:v1.8.2
    network_mode: host
