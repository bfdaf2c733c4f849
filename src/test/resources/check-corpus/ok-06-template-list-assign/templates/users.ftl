<#-- every user, ${not_a_variable} in a comment -->
<#assign count = users?size>
<#list users as u>
${u.name}:${u.shell} (${u?index + 1} of ${count})
</#list>
<#list limits as k, v>
${k}=${v}
</#list>
<#if extra??>${extra}</#if>
${users?filter(x -> x.name != "root")?size}
literal: ${r"${NOT_A_VAR}"} and ${"$"}{HOME}
<#noparse>${ALSO_LITERAL}</#noparse>
