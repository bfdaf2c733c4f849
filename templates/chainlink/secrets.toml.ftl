<#-- The node's secrets.toml (Chainlink v2: core/config/docs/secrets.toml). Mode 0600, owned by the node.
     The password is percent-encoded for the URL's userinfo (RFC 3986), then the URL is a TOML string.
     The secrets come from the vault; the role asserts they are there before rendering (hence !""). -->
<#assign db_address = db_host?contains(":")?then("[" + db_host + "]", db_host)>
<#assign db_tls = (db_sslmode == "verify-ca" || db_sslmode == "verify-full")?then("&sslrootcert=/chainlink/postgres-ca.crt", "")>
# Written by Steward for ${inventory_hostname} (stage ${stage}). Local changes are overwritten.
[Database]
URL = ${toml_string("postgresql://" + url_userinfo(db_user) + ":" + url_userinfo(db_password!"") + "@" + db_address + ":" + db_port + "/" + url_userinfo(db_name) + "?sslmode=" + url_userinfo(db_sslmode) + db_tls)}

[Password]
Keystore = ${toml_string(keystore_password!"")}
