package dev.drift.ops.cli.docker;

import java.util.Optional;

/**
 * The docker target's own choices for {@code up}: which instance, and which images run it.
 *
 * @param instance empty: the one the data directory recorded, else {@link Layout#DEFAULT_INSTANCE}
 */
public record DockerSettings(Optional<String> instance, String driftImage, String postgresImage, String zqliteImage,
                             String seaweedfsImage) {

    /** The defaults: Images.drift(), $DRIFT_POSTGRES_IMAGE or postgres:17, Images.zqlite(), Images.seaweedfs(). */
    public static DockerSettings defaults() {
        return new DockerSettings(Optional.empty(), Images.drift(), postgresImageDefault(), Images.zqlite(),
                Images.seaweedfs());
    }

    public static String postgresImageDefault() {
        String fromEnv = System.getenv(Images.POSTGRES_ENV);
        return fromEnv == null || fromEnv.isBlank() ? Images.POSTGRES_DEFAULT : fromEnv;
    }

    public DockerSettings withInstance(String name) {
        return new DockerSettings(Optional.of(name), driftImage, postgresImage, zqliteImage, seaweedfsImage);
    }
}
