<#-- The operator UI login: e-mail, then password. From the vault; the role asserts they are there. -->
${api_email!""}
${api_password!""}
