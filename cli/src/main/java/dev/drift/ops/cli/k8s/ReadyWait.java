package dev.drift.ops.cli.k8s;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.Console;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.operator.crd.DriftRegistry;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Waits for a DriftRegistry's Ready condition for its current generation, showing the operator's
 * latest reason meanwhile; on time-out says what the conditions and pods report.
 */
final class ReadyWait {

    static final String INSTANCE_LABEL = Layout.INSTANCE_LABEL;
    static final String COMPONENT_LABEL = Layout.COMPONENT_LABEL;

    private final KubernetesClient client;
    private final InstanceRef ref;
    private final Console console;

    ReadyWait(KubernetesClient client, InstanceRef ref, Console console) {
        this.client = client;
        this.ref = ref;
        this.console = console;
    }

    void await(Duration timeout) {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            DriftRegistry resource = client.resources(DriftRegistry.class).inNamespace(ref.namespace())
                    .withName(ref.name()).get();
            if (resource != null && isReady(resource)) {
                console.endWait("Ready after " + Duration.between(start, Instant.now()).toMillis() / 100 / 10.0 + " s");
                return;
            }
            console.tick("waiting for DriftRegistry " + ref + " to be Ready ("
                    + (resource == null ? "not found" : readyReason(resource)) + ")");
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliException.provisioning("interrupted while waiting for " + ref);
            }
        }
        console.endWait("not Ready after " + timeout.toSeconds() + " s");
        throw CliException.provisioning("DriftRegistry " + ref + " did not become Ready within " + timeout.toSeconds()
                + " s: " + diagnosis());
    }

    /** Ready=True, said of the generation the resource has now (not of an older spec). */
    static boolean isReady(DriftRegistry resource) {
        Long generation = resource.getMetadata().getGeneration();
        return resource.getStatus() != null && ready(resource)
                .filter(condition -> "True".equals(condition.getStatus()))
                .filter(condition -> generation == null || generation.equals(condition.getObservedGeneration()))
                .isPresent();
    }

    /** "Reason: message" of the Ready condition, or that the operator has not reported yet. */
    static String readyReason(DriftRegistry resource) {
        return ready(resource).map(condition -> condition.getReason() + ": " + condition.getMessage())
                .orElse("no status yet; is the operator running?");
    }

    private static Optional<Condition> ready(DriftRegistry resource) {
        if (resource.getStatus() == null || resource.getStatus().conditions() == null) {
            return Optional.empty();
        }
        return resource.getStatus().conditions().stream().filter(condition -> "Ready".equals(condition.getType()))
                .findFirst();
    }

    private String diagnosis() {
        DriftRegistry resource = client.resources(DriftRegistry.class).inNamespace(ref.namespace())
                .withName(ref.name()).get();
        StringBuilder text = new StringBuilder(resource == null ? "the resource is gone" : readyReason(resource));
        List<Pod> pods = client.pods().inNamespace(ref.namespace()).withLabel(INSTANCE_LABEL, ref.name()).list().getItems();
        for (Pod pod : pods) {
            text.append("; pod ").append(pod.getMetadata().getName()).append(": ").append(PodHealth.of(pod));
        }
        if (pods.isEmpty()) {
            text.append("; no pod of it exists");
        }
        return text.toString();
    }
}
