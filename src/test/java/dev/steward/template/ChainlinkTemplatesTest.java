package dev.steward.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.steward.source.SourceLocation;
import dev.steward.vars.Vars;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Chainlink templates rendered with the role's defaults and an inventory's values, then parsed as
 * TOML (by Python's tomllib: no TOML library is on the classpath) and checked for what the node reads,
 * and for keys Chainlink documents (core/config/docs/core.toml, chains-evm.toml, secrets.toml) only.
 */
class ChainlinkTemplatesTest {

    /** Every key path the templates may write, from Chainlink's docs; lists of tables as {@code []}. */
    private static final Set<String> CONFIG_KEYS = Set.of("RootDir",
            "Log.Level", "Log.JSONConsole", "Log.UnixTS", "Log.File.Dir", "Log.File.MaxSize", "Log.File.MaxAgeDays",
            "Log.File.MaxBackups",
            "WebServer.HTTPPort", "WebServer.ListenIP", "WebServer.SecureCookies", "WebServer.AllowOrigins",
            "WebServer.TLS.CertPath", "WebServer.TLS.KeyPath", "WebServer.TLS.Host", "WebServer.TLS.HTTPSPort",
            "WebServer.TLS.ForceRedirect", "WebServer.TLS.ListenIP",
            "Database.Lock.Enabled", "Database.Lock.LeaseDuration", "Database.Lock.LeaseRefreshInterval",
            "Database.Backup.Mode", "Database.Backup.Dir", "Database.Backup.OnVersionUpgrade",
            "Database.Backup.Frequency",
            "EVM[].ChainID", "EVM[].Enabled", "EVM[].Nodes[].Name", "EVM[].Nodes[].WSURL", "EVM[].Nodes[].HTTPURL",
            "EVM[].Nodes[].SendOnly", "EVM[].Nodes[].Order");
    private static final Set<String> SECRETS_KEYS = Set.of("Database.URL", "Database.BackupURL",
            "Database.AllowSimplePasswords", "Password.Keystore", "Password.VRF");

    private static final String PASSWORD = "p@ss:w/rd?#[]%+ \"\\'é€😀-long-enough";
    private static final Path TEMPLATES = Path.of("templates/chainlink");

    private final TemplateEngine engine = new TemplateEngine();

    @BeforeAll
    static void pythonReadsToml() {
        assumeTrue(toml("a = 1").path("a").asInt() == 1, "python3 with tomllib (3.11+) parses TOML in this test");
    }

    /** The role's defaults, then an inventory like inventory.example's, then the vault's secrets. */
    private Map<String, Object> settings() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> defaults = new YAMLMapper().readValue(
                Path.of("playbooks/roles/chainlink/defaults/main.yml").toFile(), Map.class);
        Map<String, Object> v = new LinkedHashMap<>(defaults);
        v.put("inventory_hostname", "node1");
        v.put("stage", "production");
        v.put("chainlink_image", "smartcontract/chainlink");
        v.put("chainlink_version", "2.10.0");
        v.put("chainlink_chains", List.of(Map.of("chain_id", 11155111L, "nodes", List.of(
                Map.of("name", "eth1", "http", "http://10.8.0.30:8545", "ws", "ws://10.8.0.30:8546"),
                Map.of("name", "provider-a", "http", "https://a.example/v1/K\"E\\Y", "ws", "wss://a.example/ws"),
                Map.of("name", "send", "http", "https://b.example/KEY", "send_only", true)))));
        v.put("db_host", "10.8.0.20");
        v.put("db_name", "chainlink");
        v.put("db_user", "chainlink");
        v.put("db_ca_cert", "postgres-ca.crt");
        v.put("db_password", PASSWORD);
        v.put("keystore_password", "k\"e\\y\tstore-password-é");
        v.put("api_email", "ops@example.com");
        v.put("api_password", "api-password-0123456789");
        return v;
    }

    private String render(String template, Map<String, Object> settings) {
        Vars vars = Vars.EMPTY.with("test", settings, new SourceLocation("test", 1, 1));
        return engine.renderFile(TEMPLATES.resolve(template), vars);
    }

    @Test
    void configTomlHoldsTheSettingsWithDocumentedKeysOnly() throws IOException {
        String text = render("config.toml.ftl", settings());
        JsonNode c = toml(text);
        assertThat(keyPaths(c)).isSubsetOf(CONFIG_KEYS);
        assertThat(c.path("RootDir").asText()).isEqualTo("/chainlink");
        assertThat(c.path("Log").path("JSONConsole").asBoolean()).isTrue();
        assertThat(c.path("Log").path("File").path("MaxSize").asText()).isEqualTo("100mb");
        assertThat(c.path("WebServer").path("HTTPPort").asInt()).isEqualTo(6688);
        assertThat(c.path("WebServer").path("ListenIP").asText()).isEqualTo("0.0.0.0"); // inside the container
        assertThat(c.path("WebServer").path("TLS").path("HTTPSPort").isInt()).isTrue();
        assertThat(c.path("WebServer").path("TLS").path("HTTPSPort").asInt()).isZero();
        assertThat(c.path("Database").path("Lock").path("LeaseDuration").asText()).isEqualTo("10s");
        assertThat(c.path("Database").path("Lock").path("LeaseRefreshInterval").asText()).isEqualTo("1s");
        assertThat(c.path("Database").path("Backup").path("Mode").asText()).isEqualTo("lite");
        assertThat(c.path("Database").path("Backup").path("OnVersionUpgrade").asBoolean()).isTrue();
        assertThat(c.path("Database").path("Backup").path("Dir").asText()).isEqualTo("/chainlink/backup");
        JsonNode evm = c.path("EVM");
        assertThat(evm.size()).isOne();
        assertThat(evm.get(0).path("ChainID").asText()).isEqualTo("11155111");
        JsonNode nodes = evm.get(0).path("Nodes");
        assertThat(nodes.size()).isEqualTo(3);
        assertThat(nodes.get(0).path("Name").asText()).isEqualTo("eth1");
        assertThat(nodes.get(0).path("WSURL").asText()).isEqualTo("ws://10.8.0.30:8546");
        assertThat(nodes.get(1).path("HTTPURL").asText()).isEqualTo("https://a.example/v1/K\"E\\Y"); // escaped, read back
        assertThat(nodes.get(2).has("WSURL")).isFalse();
        assertThat(nodes.get(2).path("SendOnly").asBoolean()).isTrue();
        assertThat(nodes.get(0).has("SendOnly")).isFalse();
        assertThat(text).doesNotContain(PASSWORD).doesNotContain("password");
    }

    @Test
    void hostNetworkingListensOnLoopbackAndTlsTurnsHttpsOn() throws IOException {
        Map<String, Object> s = settings();
        s.put("chainlink_networking", "host");
        s.put("chainlink_tls_cert", "/chainlink/tls/server.crt");
        s.put("chainlink_tls_key", "/chainlink/tls/server.key");
        s.put("chainlink_json_logs", false);
        JsonNode c = toml(render("config.toml.ftl", s));
        assertThat(keyPaths(c)).isSubsetOf(CONFIG_KEYS);
        assertThat(c.path("WebServer").path("ListenIP").asText()).isEqualTo("127.0.0.1");
        assertThat(c.path("WebServer").path("TLS").path("HTTPSPort").asInt()).isEqualTo(6689);
        assertThat(c.path("WebServer").path("TLS").path("CertPath").asText()).isEqualTo("/chainlink/tls/server.crt");
        assertThat(c.path("WebServer").has("SecureCookies")).isFalse();
        assertThat(c.path("Log").path("JSONConsole").asBoolean()).isFalse();
    }

    @Test
    void secretsTomlHasAnRfc3986EscapedUrlAndTheKeystorePassword() throws IOException {
        JsonNode s = toml(render("secrets.toml.ftl", settings()));
        assertThat(keyPaths(s)).isSubsetOf(SECRETS_KEYS);
        String url = s.path("Database").path("URL").asText();
        assertThat(url).isEqualTo("postgresql://chainlink:p%40ss%3Aw%2Frd%3F%23%5B%5D%25%2B%20%22%5C%27%C3%A9%E2%82%AC"
                + "%F0%9F%98%80-long-enough@10.8.0.20:5432/chainlink?sslmode=verify-full"
                + "&sslrootcert=/chainlink/postgres-ca.crt");
        URI uri = URI.create(url);
        assertThat(uri.getUserInfo()).isEqualTo("chainlink:" + PASSWORD);
        assertThat(uri.getHost()).isEqualTo("10.8.0.20");
        assertThat(uri.getPort()).isEqualTo(5432);
        assertThat(s.path("Password").path("Keystore").asText()).isEqualTo("k\"e\\y\tstore-password-é");
    }

    @Test
    void requireNeedsNoCaAndAnIpv6HostIsBracketed() throws IOException {
        Map<String, Object> v = settings();
        v.put("db_sslmode", "require");
        v.put("db_host", "fd00::20");
        v.put("db_port", 6432L);
        String url = toml(render("secrets.toml.ftl", v)).path("Database").path("URL").asText();
        assertThat(url).endsWith("@[fd00::20]:6432/chainlink?sslmode=require");
        assertThat(URI.create(url).getPort()).isEqualTo(6432);
    }

    @Test
    void apiFileIsTheEmailThenThePassword() throws IOException {
        assertThat(render("api.ftl", settings())).isEqualTo("ops@example.com\napi-password-0123456789\n");
    }

    @Test
    void composePinsTheImagePublishesOnLoopbackAndRunsAsTheNodeUser() throws IOException {
        String text = render("docker-compose.yml.ftl", settings());
        JsonNode service = new YAMLMapper().readTree(text).path("services").path("chainlink");
        assertThat(service.path("image").asText()).isEqualTo("smartcontract/chainlink:2.10.0");
        assertThat(service.path("restart").asText()).isEqualTo("unless-stopped");
        assertThat(service.path("user").asText()).isEqualTo("14933:14933");
        assertThat(service.path("ports").get(0).asText()).isEqualTo("127.0.0.1:6688:6688");
        assertThat(service.path("ports").size()).isOne();
        assertThat(service.path("volumes").get(0).asText()).isEqualTo("/opt/chainlink:/chainlink");
        List<String> command = new ArrayList<>();
        service.path("command").forEach(n -> command.add(n.asText()));
        assertThat(String.join(" ", command)).isEqualTo(
                "node -config /chainlink/config.toml -secrets /chainlink/secrets.toml start -a /chainlink/.api");

        Map<String, Object> host = settings();
        host.put("chainlink_networking", "host");
        JsonNode hostService = new YAMLMapper().readTree(render("docker-compose.yml.ftl", host))
                .path("services").path("chainlink");
        assertThat(hostService.path("network_mode").asText()).isEqualTo("host");
        assertThat(hostService.has("ports")).isFalse();
    }

    /** Key paths of a parsed TOML document; arrays of tables as {@code NAME[]}. */
    private static Set<String> keyPaths(JsonNode node) {
        Set<String> out = new TreeSet<>();
        collect(node, "", out);
        return out;
    }

    private static void collect(JsonNode node, String prefix, Set<String> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String path = prefix + f.getKey();
            JsonNode v = f.getValue();
            if (v.isObject()) {
                collect(v, path + ".", out);
            } else if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
                for (JsonNode item : v) {
                    collect(item, path + "[].", out);
                }
            } else {
                out.add(path);
            }
        }
    }

    /** The TOML document as JSON, parsed by Python's tomllib (strict: a bad document fails the test). */
    private static JsonNode toml(String text) {
        try {
            Process p = new ProcessBuilder("python3", "-c",
                    "import json,sys,tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))").start();
            p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("TOML parse of:%n%s%n%s", text, err).isZero();
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new org.opentest4j.TestAbortedException("python3 is not available: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
