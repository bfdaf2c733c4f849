name = ${app}
port = ${htp_port}
<#list workers as w>
worker ${w}
</#list>
