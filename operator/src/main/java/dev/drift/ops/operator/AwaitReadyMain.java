package dev.drift.ops.operator;

import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.status.ConditionTypes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code java -cp drift-operator.jar dev.drift.ops.operator.AwaitReadyMain NAMESPACE NAME SECONDS}: waits until
 * the DriftRegistry's {@code Ready} condition is True, printing each condition the operator writes on the way.
 * charts/drift-operator's {@code helm test} runs it before it pushes through the registry, so the test proves the
 * operator's status as well as Drift; it needs only get, list and watch on driftregistries.
 * Exits 0 when Ready, 1 with the last conditions seen when the time is up, 2 on bad arguments.
 */
public final class AwaitReadyMain {

    private AwaitReadyMain() {
    }

    public static void main(String[] args) {
        if (args.length != 3 || !args[2].matches("[0-9]{1,5}")) {
            System.err.println("usage: AwaitReadyMain NAMESPACE NAME SECONDS");
            System.exit(2);
        }
        String namespace = args[0];
        String name = args[1];
        long seconds = Long.parseLong(args[2]);
        AtomicReference<String> lastSeen = new AtomicReference<>("no status yet");
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            client.resources(DriftRegistry.class).inNamespace(namespace).withName(name).waitUntilCondition(resource -> {
                List<Condition> conditions = resource == null || resource.getStatus() == null ? List.of()
                        : resource.getStatus().conditions();
                String seen = describe(conditions);
                if (!seen.equals(lastSeen.getAndSet(seen))) {
                    System.out.println("DriftRegistry " + namespace + "/" + name + ": " + seen);
                }
                return ready(conditions).map(condition -> condition.getStatus().equals("True")).orElse(false);
            }, seconds, TimeUnit.SECONDS);
            System.out.println("DriftRegistry " + namespace + "/" + name + " is Ready");
        } catch (KubernetesClientTimeoutException e) {
            System.err.println("DriftRegistry " + namespace + "/" + name + " not Ready after " + seconds + "s; last seen: "
                    + lastSeen.get());
            System.exit(1);
        }
    }

    private static Optional<Condition> ready(List<Condition> conditions) {
        return conditions.stream().filter(condition -> condition.getType().equals(ConditionTypes.READY)).findFirst();
    }

    private static String describe(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return "no conditions yet";
        }
        return String.join(", ", conditions.stream()
                .map(c -> c.getType() + "=" + c.getStatus() + " (" + c.getReason() + ": " + c.getMessage() + ")")
                .toList());
    }
}
