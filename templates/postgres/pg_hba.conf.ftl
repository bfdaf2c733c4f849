# Managed by Steward (postgres.yml); changes here are overwritten. Applied with a reload.
# The first matching line decides. From the network: only the hosts of the inventory's chainlink
# group, only over TLS, only to ${db_name} as ${db_user}, with a SCRAM password. No other line
# matches a remote address, so everything else is refused.
#
# TYPE   DATABASE     USER         ADDRESS        METHOD

# On the host itself: the postgres account through its Unix socket (Steward, the backup).
local    all          postgres                    peer
local    all          all                         peer
host     all          all          127.0.0.1/32   scram-sha-256
host     all          all          ::1/128        scram-sha-256

# The Chainlink nodes (the inventory's chainlink group), TLS only.
<#list (groups.chainlink)![] as node>
<#assign a = addresses[node]>
hostssl  ${db_name}  ${db_user}  ${a?contains(":")?then(a + "/128", a?matches("[0-9.]+")?then(a + "/32", a))}  scram-sha-256   # ${node}
</#list>
