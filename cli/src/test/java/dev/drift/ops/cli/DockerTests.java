package dev.drift.ops.cli;

import dev.drift.ops.cli.docker.DockerEngine;
import dev.drift.ops.cli.docker.Images;
import dev.drift.ops.testkit.RealTools;

/** What tests that build images share: an engine (or a skip, or a failure in CI) and the local Debian base. */
final class DockerTests {

    /** The Debian base the test images are built on: $DRIFT_BASE_IMAGE, else the local substitute. */
    static final String BASE_IMAGE = System.getenv().getOrDefault(Images.BASE_ENV, "drift-local/debian:bookworm");

    private DockerTests() {
    }

    /** Connects to the engine once the base image is known to be there (see {@link RealTools}). */
    static DockerEngine engineWithBaseImage() {
        RealTools.requireDockerEngine();
        DockerEngine engine = DockerEngine.connect();
        if (engine.imageId(BASE_IMAGE).isEmpty()) {
            engine.close();
            RealTools.unavailable("base image " + BASE_IMAGE + " is missing; scripts/build-base-images.sh builds it");
        }
        return engine;
    }
}
