package dev.steward.lab;

/** One host line of a lab inventory: where Steward connects and where other hosts reach it. */
public record LabInventoryHost(String name, String address, String sshHost, int sshPort, String user) {
}
