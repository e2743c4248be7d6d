package dev.drift.ops.cli.docker;

import dev.drift.ops.cli.docker.ContainerSpec.ImageRef;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.Secret;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What one {@code up --target docker} asks for, with every external fact already looked up (image
 * ids, the rendered drift.toml, the secrets): the input of {@link DesiredInstance#of}.
 *
 * @param port             port on 127.0.0.1 the registry is published on
 * @param backendImage     the postgres or drift-zqlite image when drift-ops runs the backend;
 *                         empty for sqlite and for a backend the operator runs
 * @param configFile       drift.toml on the host, bind-mounted read-only
 * @param postgresPassword password of the PostgreSQL container (managed postgres only)
 * @param postgresUrl      the URL (with password) Drift connects with (postgres backend only)
 */
public record InstancePlan(String instance, DatabaseBackend backend, int port, ImageRef registryImage,
                           Optional<ImageRef> backendImage, Path configFile, String configText,
                           Optional<Secret> postgresPassword, Optional<Secret> postgresUrl) {
}
