# Managed by Steward (vpn.yml): the VPN's clients, read by steward-vpn-pki sync.
#   want NAME [ADDRESS]   a certificate and a profile for NAME (a mesh host: with its fixed address)
#   revoke NAME           NAME's certificate revoked (this wins over a want line)
<#list vpn_operators as name>
want ${name}
</#list>
<#list vpn_mesh_hosts as host>
want host-${host} ${addresses[host]}
</#list>
<#list vpn_revoked as name>
revoke ${name}
</#list>
