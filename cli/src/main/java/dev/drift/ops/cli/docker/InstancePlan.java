package dev.drift.ops.cli.docker;

import dev.drift.ops.config.Secret;
import dev.drift.ops.deploy.DriftInstance;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one {@code up --target docker} asks for, with every external fact already looked up: the
 * instance as the deployment model has it, the ids of its images, where its drift.toml lies on the
 * host, and what its secret files hold. The input of {@link DesiredInstance#of}.
 *
 * @param port       port on 127.0.0.1 the registry is published on
 * @param imageIds   image name to the id it had when up looked (a rebuilt image recreates its containers)
 * @param configFile drift.toml on the host, bind-mounted read-only
 * @param secrets    secret file name ({@link dev.drift.ops.deploy.SecretFile#name}) to its content
 */
public record InstancePlan(DriftInstance instance, int port, Map<String, String> imageIds, Path configFile,
                           Map<String, Secret> secrets) {

    public InstancePlan {
        imageIds = Map.copyOf(imageIds);
        secrets = Map.copyOf(secrets);
    }
}
