package dev.steward.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabInventoryWriterTest {

    private static final Path LAB = Path.of("/home/op/lab");

    @Test
    void writesTheDocumentedShape() {
        String yaml = LabInventoryWriter.render(
                List.of(new LabInventoryHost("lab2", "172.17.0.3", "127.0.0.1", 32769, "steward"),
                        new LabInventoryHost("lab1", "172.17.0.2", "127.0.0.1", 32768, "steward")),
                LAB, LAB.resolve("id_ed25519"), LAB.resolve("known_hosts"));

        assertThat(yaml).isEqualTo("""
                # written by `steward lab up`; lab hosts are disposable
                all:
                  vars: {stage: lab}
                  hosts:
                    lab1:
                      address: 172.17.0.2        # the container's IP: what other hosts use to reach it
                      ssh: {host: 127.0.0.1, port: 32768, user: steward, private_key: id_ed25519, known_hosts: known_hosts, host_key_checking: accept-new}
                    lab2:
                      address: 172.17.0.3        # the container's IP: what other hosts use to reach it
                      ssh: {host: 127.0.0.1, port: 32769, user: steward, private_key: id_ed25519, known_hosts: known_hosts, host_key_checking: accept-new}
                  children:
                    lab:
                      hosts:
                        lab1: {}
                        lab2: {}
                """);
    }

    @Test
    void isYamlThatKeepsTypesAndQuotesWhatNeedsIt() throws Exception {
        String yaml = LabInventoryWriter.render(
                List.of(new LabInventoryHost("lab10", "", "127.0.0.1", 40000, "steward"),
                        new LabInventoryHost("lab9", "172.17.0.9", "127.0.0.1", 40001, "steward")),
                LAB, Path.of("/keys/my key"), LAB.resolve("known_hosts"));

        JsonNode all = new ObjectMapper(new YAMLFactory()).readTree(yaml).path("all");
        assertThat(all.path("hosts").fieldNames()).toIterable().containsExactly("lab9", "lab10");
        assertThat(all.path("hosts").path("lab10").path("ssh").path("port").intValue()).isEqualTo(40000);
        assertThat(all.path("hosts").path("lab10").path("ssh").path("private_key").textValue()).isEqualTo("/keys/my key");
        assertThat(all.path("hosts").path("lab10").path("address").textValue()).isEmpty();
        assertThat(all.path("children").path("lab").path("hosts").fieldNames()).toIterable().containsExactly("lab9", "lab10");
    }

    @Test
    void knownHostsUseOpenSshBracketFormForNonStandardPorts() {
        LabHostKeys keys = LabHostKeys.parse("127.0.0.1", 32768, """
                ssh-ed25519 AAAAC3Nza root@abc
                ecdsa-sha2-nistp256 AAAAE2Vj root@abc

                """);

        assertThat(keys.knownHostsLines()).containsExactly(
                "[127.0.0.1]:32768 ssh-ed25519 AAAAC3Nza", "[127.0.0.1]:32768 ecdsa-sha2-nistp256 AAAAE2Vj");
        assertThat(LabHostKeys.parse("10.0.0.5", 22, "ssh-rsa AAAAB3 x\n").knownHostsLines())
                .containsExactly("10.0.0.5 ssh-rsa AAAAB3");
    }

    @Test
    void readsDockerInspect() {
        List<LabHost> hosts = LabContainers.parseInspect("""
                [{"Id": "abc", "Name": "/steward-lab-1",
                  "State": {"Status": "running"},
                  "Config": {"Labels": {"dev.steward.lab.host": "lab1", "dev.steward.lab.suite": "trixie"}},
                  "NetworkSettings": {"IPAddress": "",
                     "Ports": {"22/tcp": [{"HostIp": "127.0.0.1", "HostPort": "32768"}]},
                     "Networks": {"bridge": {"IPAddress": "172.17.0.2"}}}},
                 {"Id": "def", "Name": "/steward-lab-2", "State": {"Status": "exited"},
                  "Config": {"Labels": {"dev.steward.lab.host": "lab2"}},
                  "NetworkSettings": {"IPAddress": "", "Ports": {}}}]
                """);

        assertThat(hosts).containsExactly(
                new LabHost("lab1", "steward-lab-1", "abc", "trixie", "running", "127.0.0.1", 32768, "172.17.0.2"),
                new LabHost("lab2", "steward-lab-2", "def", "", "exited", "127.0.0.1", 0, ""));
    }
}
