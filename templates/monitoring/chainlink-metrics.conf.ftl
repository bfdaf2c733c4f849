# Managed by Steward (monitoring.yml): the Chainlink node's /metrics for the monitor host(s), and nothing
# else of its web server (the operator UI and API stay on 127.0.0.1:6688).
server {
    listen ${chainlink_metrics_port!6689};
    server_name _;

    # Only the monitor hosts, by their address (firewall.yml's policy drops everyone else before this).
<#list groups.monitor![] as h>
    allow ${addresses[h]};
</#list>
    deny all;

    # Exactly GET (and HEAD) /metrics, passed to the node as /metrics whatever the request's spelling.
    location = /metrics {
        limit_except GET {
            deny all;
        }
        proxy_pass http://127.0.0.1:6688/metrics;
        proxy_connect_timeout 5s;
        proxy_read_timeout 10s;
    }

    location / {
        return 404;
    }
}
