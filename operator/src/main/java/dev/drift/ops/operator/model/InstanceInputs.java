package dev.drift.ops.operator.model;

import dev.drift.ops.config.Secret;
import dev.drift.ops.deploy.DriftInstance;
import dev.drift.ops.deploy.Login;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a DriftRegistry resolves to before it becomes Kubernetes objects: the deployment
 * model's instance, the login, and where each secret file comes from. {@link InputResolver} makes it.
 *
 * @param generatedLogin          the operator owns the login Secret (the resource names none)
 * @param basicUsersEntry         the {@code [auth.basic] users} entry (user and bcrypt hash)
 * @param managedPostgresPassword the password of the PostgreSQL the operator runs (postgres managed)
 * @param secretFiles             by file name ({@code basic_users}, {@code postgres_url}, ...)
 */
public record InstanceInputs(DriftInstance instance, Login login, boolean generatedLogin, String basicUsersEntry,
                             Optional<Secret> managedPostgresPassword, Map<String, SecretFileSource> secretFiles) {

    public InstanceInputs {
        secretFiles = Map.copyOf(secretFiles);
    }
}
