# Written by Steward: what this host is and how other hosts reach it.
[host]
name = "${inventory_hostname}"
address = "${address}"
groups = [<#list group_names as g>"${g}"<#sep>, </#list>]
stage = "${stage!"unset"}"

[facts]
os = "${facts.os.id} ${facts.os.version}"
arch = "${facts.arch}"
cpus = ${facts.cpus}
memory_mb = ${facts.memory_mb}
