package dev.steward.module.docker;

import dev.steward.module.Args;
import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.remote.Apply;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code docker_image}: an image on the host, by name. {@code load} uploads a {@code docker save}
 * tar from the controller straight into {@code docker load}'s stdin (no temporary file), with a
 * progress line, and only when the host does not already have that image ID (read from the tar's
 * manifest on the controller); {@code pull} fetches it from its registry when missing; {@code tag}
 * gives it a second name; {@code state: absent} removes the name.
 */
public final class DockerImageModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec(
            "Loads (from a controller tar), pulls, tags or removes a Docker image on the host.",
            List.of(Param.required("name", ParamType.STRING, "the image, as repository:tag"),
                    Param.optional("state", ParamType.STRING, "present: the host has the image; absent: the name "
                            + "is removed (the layers go when no other name uses them)")
                            .choices("present", "absent").withDefault("present"),
                    Param.optional("load", ParamType.PATH, "a tar made by 'docker save' on the controller (files/NAME "
                            + "or NAME beside the playbook); streamed into 'docker load' unless the host already has "
                            + "the image ID it holds"),
                    Param.optional("pull", ParamType.BOOL, "pull the image from its registry when the host does not "
                            + "have it (needs a registry the host can reach)").withDefault("false"),
                    Param.optional("tag", ParamType.STRING, "another name (repository:tag) to give the image; "
                            + "moved to this image when it names another one")),
            Optional.empty(), List.of(List.of("load", "pull")), List.of())
            .withExample("""
                    - name: The node image, built on the controller with docker save
                      become: true
                      docker_image:
                        name: chainlink:2.11.0
                        load: chainlink-2.11.0.tar
                        tag: chainlink:current""");

    @Override
    public String name() {
        return "docker_image";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    static String probeCommand(String name, Optional<String> tag) {
        StringBuilder sb = new StringBuilder();
        sb.append("command -v docker >/dev/null || { echo docker=missing; exit 0; }; ");
        sb.append("docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || { echo docker=down; exit 0; }; ");
        sb.append("echo docker=up; ");
        sb.append("echo \"name=$(docker image inspect --format '{{.Id}}' ").append(ShellQuote.quote(name))
                .append(" 2>/dev/null)\"");
        tag.ifPresent(t -> sb.append("; echo \"tag=$(docker image inspect --format '{{.Id}}' ")
                .append(ShellQuote.quote(t)).append(" 2>/dev/null)\""));
        return sb.toString();
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String name = args.required("name");
        boolean absent = args.string("state").orElse("present").equals("absent");
        Optional<String> tag = args.string("tag");
        if (absent && (tag.isPresent() || args.has("load") || args.bool("pull").orElse(false))) {
            throw new ModuleFailure("docker_image: state absent takes only name (not load, pull or tag)");
        }
        Optional<ImageTar> tar = Optional.empty();
        if (args.has("load")) {
            tar = Optional.of(ImageTar.read(call.context().findFile(args.required("load"))));
        }
        String probe = probeCommand(name, tag);
        CommandResult r = call.probe().query(probe);
        if (r.exitCode() != 0) {
            throw HostCommand.failure("cannot ask Docker about " + name, probe, r);
        }
        ProbeLines answer = ProbeLines.parse(r.stdout());
        String docker = answer.get("docker", "");
        boolean engineAnswers = docker.equals("up");
        String current = answer.get("name", "");
        String tagged = answer.get("tag", "");

        if (absent) {
            if (docker.equals("missing")) {
                return Plan.unchanged("Docker is not installed: there is no image " + name);
            }
            if (!engineAnswers) {
                throw engineDown();
            }
            if (current.isEmpty()) {
                return new Plan.Unchanged(Result.ok(name + " is absent"));
            }
            String line = "docker image rm " + ShellQuote.quote(name);
            return new Plan.Change("remove image " + name, true, Optional.empty(), host -> {
                HostCommand.run(host, "remove image " + name, line);
                return Result.changed("removed image " + name).with("image_id", current);
            });
        }

        List<String> what = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        boolean certain = engineAnswers;
        String expectedId;
        Optional<ImageTar> upload = Optional.empty();
        if (tar.isPresent()) {
            ImageTar t = tar.get();
            expectedId = t.imageId();
            if (!engineAnswers || !t.ids().contains(current)) {
                upload = tar;
                what.add("load " + t.file().getFileName() + " as " + name + " (" + shortId(t.imageId())
                        + (current.isEmpty() ? "" : ", replacing " + shortId(current)) + ")");
                lines.add("docker load" + (t.repoTags().contains(name) ? ""
                        : " && docker tag " + ShellQuote.quote(t.imageId()) + " " + ShellQuote.quote(name)));
            }
        } else if (current.isEmpty()) {
            if (!args.bool("pull").orElse(false)) {
                if (!engineAnswers) {
                    throw engineDown();
                }
                throw new ModuleFailure("the image " + name + " is not on the host; give load: (a tar made by "
                        + "'docker save') or pull: true");
            }
            expectedId = "";
            what.add("pull " + name);
            lines.add("docker pull -q " + ShellQuote.quote(name));
        } else {
            expectedId = current;
        }
        if (tag.isPresent() && (expectedId.isEmpty() || !upload.isEmpty() || !engineAnswers
                || !tagged.equals(expectedId))) {
            what.add("tag " + name + " as " + tag.get());
            lines.add("docker tag " + ShellQuote.quote(name) + " " + ShellQuote.quote(tag.get()));
        }
        Result done = Result.ok("").with("image", name);
        if (what.isEmpty()) {
            return new Plan.Unchanged(new Result(false, name + " is present (" + shortId(current) + ")",
                    done.with("image_id", current).data()));
        }
        String summary = String.join(", ", what) + (engineAnswers ? "" : " (the Docker engine does not answer yet)");
        Optional<ImageTar> sending = upload;
        return new Plan.Change(summary, certain, Optional.empty(), host -> {
            for (int i = 0; i < lines.size(); i++) {
                if (i == 0 && sending.isPresent()) {
                    load(host, call, sending.get(), lines.get(0));
                } else {
                    HostCommand.run(host, what.get(i), lines.get(i));
                }
            }
            Result result = new Result(true, String.join(", ", what), done.data());
            return expectedId.isEmpty() ? result : result.with("image_id", expectedId);
        });
    }

    private static void load(Apply host, ModuleCall call, ImageTar tar, String line)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        try (InputStream in = new UploadProgress(Files.newInputStream(tar.file()), tar.file().getFileName().toString(),
                tar.size(), call.context()::progress, System::nanoTime)) {
            HostCommand.run(host, "load " + tar.file().getFileName(), line, in);
        } catch (IOException e) {
            throw new ModuleFailure("cannot read " + tar.file() + ": " + e.getMessage());
        }
    }

    private static ModuleFailure engineDown() {
        return new ModuleFailure("the Docker engine does not answer on this host: is it installed and running "
                + "(docker_install), and does the task run as root or a member of the docker group (become: true)?");
    }

    private static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
