package dev.drift.ops.operator;

import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.model.ObjectNames;
import dev.drift.ops.operator.status.ConditionTypes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code java -cp drift-operator.jar dev.drift.ops.operator.RegistryCheckMain RESOURCE_YAML SCRIPT SECONDS}: the
 * helm test of charts/drift-operator. It applies the DriftRegistry in RESOURCE_YAML, waits until the operator says it
 * is Ready (printing each condition on the way), runs SCRIPT with Drift's host and port from the resource's status
 * endpoint and the login the operator generated (DRIFT_HOST, DRIFT_PORT, DRIFT_LOGIN_DIR), and deletes the resource
 * when the script passed; after a failure the resource stays for a look, and the next run applies it again.
 * Exits 0 when all of that passed, 1 when it did not, 2 on bad arguments.
 */
public final class RegistryCheckMain {

    private static final String FIELD_MANAGER = "drift-chart-test";
    private static final Path LOGIN_DIR = Path.of(System.getProperty("java.io.tmpdir"), "drift-login");

    private RegistryCheckMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !args[2].matches("[0-9]{1,5}")) {
            System.err.println("usage: RegistryCheckMain RESOURCE_YAML SCRIPT SECONDS");
            System.exit(2);
        }
        long seconds = Long.parseLong(args[2]);
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            DriftRegistry wanted = client.getKubernetesSerialization()
                    .unmarshal(Files.readString(Path.of(args[0])), DriftRegistry.class);
            Resource<DriftRegistry> resource = client.resources(DriftRegistry.class)
                    .inNamespace(wanted.getMetadata().getNamespace()).withName(wanted.getMetadata().getName());
            String name = wanted.getMetadata().getNamespace() + "/" + wanted.getMetadata().getName();
            client.resource(wanted).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            System.out.println("applied DriftRegistry " + name);
            DriftRegistry ready = awaitReady(resource, name, seconds);
            URI endpoint = URI.create(ready.getStatus().endpoint());
            writeLogin(client, ready);
            ProcessBuilder script = new ProcessBuilder("bash", args[1]).inheritIO();
            script.environment().put("DRIFT_HOST", endpoint.getHost());
            script.environment().put("DRIFT_PORT", Integer.toString(endpoint.getPort()));
            script.environment().put("DRIFT_LOGIN_DIR", LOGIN_DIR.toString());
            Process process = script.start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(name + ": " + args[1] + " did not finish in " + seconds + "s; the DriftRegistry stays for a look");
            }
            if (process.exitValue() != 0) {
                fail(name + ": " + args[1] + " failed (exit " + process.exitValue()
                        + "); the DriftRegistry stays for a look");
            }
            resource.delete();
            System.out.println("deleted DriftRegistry " + name);
        }
    }

    private static DriftRegistry awaitReady(Resource<DriftRegistry> resource, String name, long seconds) {
        AtomicReference<String> lastSeen = new AtomicReference<>("no status yet");
        try {
            DriftRegistry ready = resource.waitUntilCondition(registry -> {
                List<Condition> conditions = registry == null || registry.getStatus() == null ? List.of()
                        : registry.getStatus().conditions();
                String seen = describe(conditions);
                if (!seen.equals(lastSeen.getAndSet(seen))) {
                    System.out.println("DriftRegistry " + name + ": " + seen);
                }
                return conditions.stream().anyMatch(c -> c.getType().equals(ConditionTypes.READY)
                        && c.getStatus().equals("True")) && registry.getStatus().endpoint() != null;
            }, seconds, TimeUnit.SECONDS);
            System.out.println("DriftRegistry " + name + " is Ready at " + ready.getStatus().endpoint());
            return ready;
        } catch (KubernetesClientTimeoutException e) {
            fail("DriftRegistry " + name + " not Ready after " + seconds + "s; last seen: " + lastSeen.get());
            throw e;
        }
    }

    /** The login as the files the script reads, readable by this user alone; never printed. */
    private static void writeLogin(KubernetesClient client, DriftRegistry registry) throws IOException {
        String secretName = registry.getSpec().auth().givenSecret()
                .orElse(ObjectNames.generatedLogin(registry.getMetadata().getName()));
        Secret secret = client.secrets().inNamespace(registry.getMetadata().getNamespace()).withName(secretName).get();
        if (secret == null || secret.getData() == null) {
            fail("the login Secret " + secretName + " is missing");
        }
        Files.createDirectories(LOGIN_DIR, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        for (String key : List.of(ObjectNames.USERNAME_KEY, ObjectNames.PASSWORD_KEY)) {
            String value = secret.getData().get(key);
            if (value == null) {
                fail("the login Secret " + secretName + " has no key " + key);
            }
            Files.write(LOGIN_DIR.resolve(key), Base64.getDecoder().decode(value));
        }
        System.out.println("read the login from Secret " + secretName);
    }

    private static String describe(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return "no conditions yet";
        }
        return String.join(", ", conditions.stream()
                .map(c -> c.getType() + "=" + c.getStatus() + " (" + c.getReason() + ": " + c.getMessage() + ")")
                .toList());
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }
}
