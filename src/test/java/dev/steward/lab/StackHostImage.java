package dev.steward.lab;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code steward-lab-stack:<suite>}: the suite's lab image with the packages site.yml installs
 * (src/test/resources/lab-stack-image/Dockerfile), so a test of what site.yml does with them does not
 * spend minutes in apt on every host. Built once per machine; Docker's cache makes later builds free.
 */
public final class StackHostImage {

    private static final Path CONTEXT = Path.of("src/test/resources/lab-stack-image");

    private StackHostImage() {
    }

    /** Builds the image when needed and returns its name. */
    public static String ensure(DockerCli docker, LabSuite suite) {
        String image = "steward-lab-stack:" + suite.id();
        DockerResult built = docker.run(Duration.ofMinutes(10), "build", "-q", "--build-arg", "BASE=" + suite.image(),
                "-t", image, CONTEXT.toAbsolutePath().toString());
        if (!built.ok()) {
            throw new IllegalStateException("cannot build " + image + " (run bin/lab-prepare first): " + built.stderr());
        }
        return image;
    }
}
