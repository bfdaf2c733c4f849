# Managed by Steward (monitoring.yml): the inventory `steward health` reads on this monitor host.
# Every host by its address, reached with the monitor's own key; each host's health settings are in
# host_vars/ beside this file. Strings are written as TOML basic strings, which YAML reads the same.
all:
  ssh:
    user: ${toml_string(monitor_ssh_user!operator_user!"")}
    port: ${monitor_ssh_port!22}
    private_key: /var/lib/steward-monitor/.ssh/id_ed25519
    known_hosts: /var/lib/steward-monitor/.ssh/known_hosts
    host_key_checking: accept-new
  hosts:
<#list groups.all as h>
    ${toml_string(h)}: {ssh: {host: ${toml_string(addresses[h])}}}
</#list>
  children:
<#list groups?keys as g>
<#if g != "all" && g != "ungrouped" && groups[g]?has_content>
    ${toml_string(g)}:
      hosts:
<#list groups[g] as h>
        ${toml_string(h)}: {}
</#list>
</#if>
</#list>
