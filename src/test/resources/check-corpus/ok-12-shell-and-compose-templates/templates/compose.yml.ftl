services:
  web:
    image: ${image}
    ports:
<#list ports as p>
      - "127.0.0.1:${p?c}:${p?c}"
</#list>
<#list (extra_env!{}) as k, v>
      ${k}: "${v}"
</#list>
