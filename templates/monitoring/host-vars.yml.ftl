# Managed by Steward (monitoring.yml): ${inventory_hostname}'s settings that `steward health` reads.
# RPC URLs may carry API keys: root and steward-monitor only. Strings are TOML basic strings, which
# YAML reads the same.
<#list ["db_host", "db_port", "chainlink_node_address", "min_eth_balance", "health_disk_warn_percent",
        "health_disk_fail_percent", "health_load_warn_per_cpu", "health_load_fail_per_cpu"] as name>
<#if .vars[name]??>
${name}: ${toml_string(.vars[name])}
</#if>
</#list>
<#if health_disk_paths??>
health_disk_paths:
<#list health_disk_paths as p>
  - ${toml_string(p)}
</#list>
</#if>
<#if chainlink_chains??>
chainlink_chains:
<#list chainlink_chains as chain>
  - chain_id: ${toml_string(chain.chain_id)}
    nodes:
<#list chain.nodes![] as node>
      - name: ${toml_string(node.name!"")}
<#if node.http??>
        http: ${toml_string(node.http)}
</#if>
<#if node.ws??>
        ws: ${toml_string(node.ws)}
</#if>
</#list>
</#list>
</#if>
