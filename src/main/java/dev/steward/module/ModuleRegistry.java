package dev.steward.module;

import dev.steward.module.command.CommandModule;
import dev.steward.module.command.ShellModule;
import dev.steward.module.control.DebugModule;
import dev.steward.module.control.PingModule;
import dev.steward.module.control.AssertModule;
import dev.steward.module.control.FailModule;
import dev.steward.module.control.MetaModule;
import dev.steward.module.control.PauseModule;
import dev.steward.module.control.SetFactModule;
import dev.steward.module.docker.DockerComposeModule;
import dev.steward.module.docker.DockerImageModule;
import dev.steward.module.docker.DockerInstallModule;
import dev.steward.module.files.CopyModule;
import dev.steward.module.files.FileModule;
import dev.steward.module.files.TemplateModule;
import dev.steward.source.Problems;
import dev.steward.source.YNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Every module Steward ships, by name. */
public final class ModuleRegistry {

    private final Map<String, Module> modules = new TreeMap<>();

    public ModuleRegistry(List<Module> list) {
        list.forEach(m -> modules.put(m.name(), m));
    }

    public static ModuleRegistry standard() {
        return new ModuleRegistry(List.of(new CommandModule(), new ShellModule(), new CopyModule(),
                new TemplateModule(), new FileModule(), new DebugModule(), new PingModule(), new SetFactModule(),
                new AssertModule(), new FailModule(), new PauseModule(), new MetaModule(),
                new dev.steward.module.packages.AptModule(),
                new dev.steward.module.packages.AptKeyModule(),
                new dev.steward.module.packages.AptRepositoryModule(),
                new dev.steward.module.system.SystemdModule("systemd"),
                new dev.steward.module.system.SystemdModule("service"),
                new dev.steward.module.system.UserModule(),
                new dev.steward.module.system.GroupModule(),
                new dev.steward.module.system.AuthorizedKeyModule(),
                new dev.steward.module.system.SysctlModule(),
                new dev.steward.module.system.HostnameModule(),
                new dev.steward.module.system.TimezoneModule(),
                new DockerInstallModule(), new DockerImageModule(), new DockerComposeModule(),
                new dev.steward.module.files.LineInFileModule(), new dev.steward.module.files.BlockInFileModule(),
                new dev.steward.module.files.ReplaceModule(), new dev.steward.module.files.StatModule(),
                new dev.steward.module.files.SlurpModule(), new dev.steward.module.files.FetchModule(),
                new dev.steward.module.http.GetUrlModule(), new dev.steward.module.http.UriModule(),
                new dev.steward.module.http.WaitForModule(), new dev.steward.module.system.RebootModule(),
                new dev.steward.module.chainlink.ChainlinkConfigCheckModule(),
                new dev.steward.module.system.SshLoginModule(),
                new dev.steward.module.network.UfwModule(),
                new dev.steward.module.network.FirewallPolicyModule(),
                new dev.steward.module.network.ReachModule()));
    }

    public Optional<Module> find(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(modules.keySet());
    }

    public void check(String module, YNode args, Problems problems) {
        find(module).ifPresent(m -> ArgsChecker.check(module, m.spec(), args, problems));
    }
}
