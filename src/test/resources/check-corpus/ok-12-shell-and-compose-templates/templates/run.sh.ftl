#!/bin/sh
# the shell's own variables are written so FreeMarker leaves them alone
echo "$HOME ${r"${USER}"} ${"$"}{PATH}"
<#if (tls!false)>echo tls on</#if>
<#assign port = http_port>
echo ${port?c}
