package dev.steward.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/** Finds a lab's containers by label and reads what {@code docker inspect} says about them. */
final class LabContainers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerCli docker;

    LabContainers(DockerCli docker) {
        this.docker = docker;
    }

    /** Every container of lab {@code lab}, running or not, ordered lab1, lab2… */
    List<LabHost> find(LabName lab) {
        String ids = docker.output("ps", "--all", "--quiet", "--no-trunc",
                "--filter", "label=" + LabHostSpec.LABEL_NAME + "=" + lab.prefix());
        List<String> idList = ids.lines().map(String::strip).filter(id -> !id.isEmpty()).toList();
        if (idList.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of("inspect", "--type", "container"));
        args.addAll(idList);
        return parseInspect(docker.output(DockerCli.QUICK, args)).stream()
                .sorted(Comparator.comparingInt(LabContainers::hostIndex).thenComparing(LabHost::name))
                .toList();
    }

    static List<LabHost> parseInspect(String json) {
        JsonNode containers;
        try {
            containers = JSON.readTree(json);
        } catch (IOException e) {
            throw new LabException("cannot read the output of docker inspect: " + e.getMessage(), e);
        }
        List<LabHost> hosts = new ArrayList<>();
        for (JsonNode container : containers) {
            JsonNode labels = container.path("Config").path("Labels");
            JsonNode published = container.path("NetworkSettings").path("Ports").path(LabHostSpec.SSH_PORT + "/tcp").path(0);
            hosts.add(new LabHost(
                    labels.path(LabHostSpec.LABEL_HOST).asText(""),
                    container.path("Name").asText("").replaceFirst("^/", ""),
                    container.path("Id").asText(""),
                    labels.path(LabHostSpec.LABEL_SUITE).asText(""),
                    container.path("State").path("Status").asText("unknown"),
                    sshHost(published.path("HostIp").asText("")),
                    published.path("HostPort").asInt(0),
                    ipAddress(container.path("NetworkSettings"))));
        }
        return hosts;
    }

    /** Docker reports 0.0.0.0 for "all interfaces"; loopback is the one that surely works. */
    private static String sshHost(String hostIp) {
        return hostIp.isEmpty() || hostIp.equals("0.0.0.0") || hostIp.equals("::") ? LabHostSpec.SSH_BIND_ADDRESS : hostIp;
    }

    private static String ipAddress(JsonNode networkSettings) {
        String address = networkSettings.path("IPAddress").asText("");
        Iterator<JsonNode> networks = networkSettings.path("Networks").elements();
        while (address.isEmpty() && networks.hasNext()) {
            address = networks.next().path("IPAddress").asText("");
        }
        return address;
    }

    private static int hostIndex(LabHost host) {
        String digits = host.name().replaceAll("\\D", "");
        return digits.isEmpty() || digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }
}
