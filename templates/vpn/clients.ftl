# Managed by Steward (vpn.yml): the VPN's clients, read by steward-vpn-pki sync.
#   want NAME [ADDRESS]   a certificate and a profile for NAME (a mesh host: with its fixed address)
#   revoke NAME           NAME's certificate revoked (this wins over a want line)
<#list vpn_operators as name>
want ${name}
</#list>
<#if vpn_mesh>
<#assign joined = []>
<#list vpn_mesh_groups as group>
<#list groups[group]![] as host>
<#if !joined?seq_contains(host)>
<#assign joined = joined + [host]>
want host-${host} ${addresses[host]}
</#if>
</#list>
</#list>
</#if>
<#list vpn_revoked as name>
revoke ${name}
</#list>
