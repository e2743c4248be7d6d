package dev.drift.ops.cli.k8s;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.provision.Credentials;
import dev.drift.ops.config.Secret;
import dev.drift.ops.operator.crd.DriftRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The login of a DriftRegistry: the Secret its spec names, or the one the operator generated for it. */
final class LoginSecret {

    static final String USERNAME_KEY = "username";
    static final String PASSWORD_KEY = "password";

    private LoginSecret() {
    }

    /** {@code spec.auth.secretName}, else the operator's {@code drift-NAME-auth}. */
    static String name(KubernetesClient client, InstanceRef ref) {
        DriftRegistry resource = client.resources(DriftRegistry.class).inNamespace(ref.namespace()).withName(ref.name()).get();
        return resource == null ? generatedName(ref.name())
                : resource.getSpec().auth().givenSecret().orElse(generatedName(ref.name()));
    }

    static String generatedName(String instance) {
        return "drift-" + instance + "-auth";
    }

    static Credentials read(KubernetesClient client, InstanceRef ref) {
        String name = name(client, ref);
        var secret = client.secrets().inNamespace(ref.namespace()).withName(name).get();
        Map<String, String> data = secret == null || secret.getData() == null ? Map.of() : secret.getData();
        if (!data.containsKey(USERNAME_KEY) || !data.containsKey(PASSWORD_KEY)) {
            throw CliException.provisioning("Secret " + ref.namespace() + "/" + name + " is missing or lacks the keys "
                    + USERNAME_KEY + " and " + PASSWORD_KEY);
        }
        return new Credentials(decode(data.get(USERNAME_KEY)), Secret.of(decode(data.get(PASSWORD_KEY))));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
