<#-- The node's config.toml (Chainlink v2). Every key is from Chainlink's core/config/docs/core.toml and
     chains-evm.toml; strings go through toml_string. Secrets are in secrets.toml, never here. -->
# Written by Steward for ${inventory_hostname} (stage ${stage}). Local changes are overwritten.
RootDir = '/chainlink'

[Log]
JSONConsole = ${chainlink_json_logs?c}

[Log.File]
# A small cap: the default (5120mb) fills disks.
MaxSize = ${toml_string(chainlink_log_max_size)}

[WebServer]
HTTPPort = 6688
<#if chainlink_networking == "host">
# Host networking: the API and operator UI listen on the host's loopback only (ssh -L 6688:localhost:6688).
ListenIP = '127.0.0.1'
<#else>
# Inside the container; Docker publishes the port on the host's 127.0.0.1 only.
ListenIP = '0.0.0.0'
</#if>
<#if chainlink_tls_cert?has_content>

[WebServer.TLS]
CertPath = ${toml_string(chainlink_tls_cert)}
KeyPath = ${toml_string(chainlink_tls_key)}
HTTPSPort = 6689
<#else>
# Plain HTTP, reached through an SSH tunnel to localhost.
SecureCookies = false

[WebServer.TLS]
# No TLS set up: 0 turns HTTPS off (otherwise the node keeps failing to open 6689).
HTTPSPort = 0
</#if>

[Database.Lock]
# The HA lease in the shared database: the holder serves, the others stand by.
Enabled = true
LeaseDuration = ${toml_string(chainlink_lease_duration)}
LeaseRefreshInterval = ${toml_string(chainlink_lease_refresh_interval)}

[Database.Backup]
Mode = ${toml_string(chainlink_backup_mode)}
OnVersionUpgrade = ${chainlink_backup_on_version_upgrade?c}
Dir = '/chainlink/backup'
<#list chainlink_chains as chain>

[[EVM]]
ChainID = ${toml_string(chain.chain_id)}
<#list chain.nodes as rpc>

[[EVM.Nodes]]
Name = ${toml_string(rpc.name)}
<#if rpc.ws??>
WSURL = ${toml_string(rpc.ws)}
</#if>
HTTPURL = ${toml_string(rpc.http)}
<#if rpc.send_only!false>
SendOnly = true
</#if>
</#list>
</#list>
