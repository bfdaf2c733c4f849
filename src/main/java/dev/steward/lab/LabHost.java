package dev.steward.lab;

/**
 * One lab host as Docker reports it.
 *
 * @param name the inventory name ({@code lab1})
 * @param state Docker's state: {@code created}, {@code running}, {@code exited}…
 * @param sshHost where the SSH port is published ({@code 127.0.0.1})
 * @param sshPort the published host port, or 0 when the container is not running
 * @param address the container's IP address: how other lab hosts reach it; empty when not running
 */
public record LabHost(
        String name,
        String container,
        String containerId,
        String suite,
        String state,
        String sshHost,
        int sshPort,
        String address) {

    public boolean running() {
        return "running".equals(state);
    }

    /** What the inventory writer needs of this host. */
    public LabInventoryHost inventoryHost() {
        return new LabInventoryHost(name, address, sshHost, sshPort, LabHostSpec.USER);
    }
}
