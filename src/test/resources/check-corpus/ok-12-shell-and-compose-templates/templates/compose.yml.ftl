services:
  web:
    image: ${image}
    ports:
<#list ports as p>
      - "${p?c}:${p?c}"
</#list>
<#list (extra_env!{}) as k, v>
      ${k}: "${v}"
</#list>
