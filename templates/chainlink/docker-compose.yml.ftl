<#-- The node's compose project. Strings are written with toml_string: a TOML basic string is also a valid
     YAML double-quoted scalar (same escapes). -->
# Written by Steward for ${inventory_hostname}. Local changes are overwritten.
name: chainlink
services:
  chainlink:
    image: ${toml_string(chainlink_image + ":" + chainlink_version)}
    container_name: chainlink
    # A node that loses its lease exits; it must come back as a standby.
    restart: unless-stopped
    user: "14933:14933"
    command: ["node", "-config", "/chainlink/config.toml", "-secrets", "/chainlink/secrets.toml", "start", "-a", "/chainlink/.api"]
    volumes:
      - ${toml_string(chainlink_dir + ":/chainlink")}
<#if chainlink_networking == "host">
    # config.toml sets WebServer.ListenIP = '127.0.0.1'.
    network_mode: host
<#else>
    ports:
      # API and operator UI on the host's loopback only: reach it with ssh -L 6688:localhost:6688.
      - "127.0.0.1:6688:6688"
</#if>
