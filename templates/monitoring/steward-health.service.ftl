# Managed by Steward (monitoring.yml): one run of `steward health`, for node_exporter's textfile collector.
[Unit]
Description=steward health, written for node_exporter
After=network-online.target
Wants=network-online.target

[Service]
Type=oneshot
User=steward-monitor
Group=steward-monitor
StateDirectory=steward-monitor
# health exits non-zero when a check fails: the metrics are written all the same (that is their point).
ExecStart=/bin/sh -c 'java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar /opt/steward/steward.jar health -i /etc/steward-monitor/inventory.yml --output prometheus > /var/lib/steward-monitor/health.prom.new; test -s /var/lib/steward-monitor/health.prom.new'
# As root (+): into the collector's folder under a name it skips, then renamed: never read half-written.
ExecStartPost=+/bin/sh -c 'install -m 0644 /var/lib/steward-monitor/health.prom.new /var/lib/prometheus/node-exporter/steward_health.prom.tmp && mv /var/lib/prometheus/node-exporter/steward_health.prom.tmp /var/lib/prometheus/node-exporter/steward_health.prom'
TimeoutStartSec=5min
