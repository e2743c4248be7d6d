package dev.drift.ops.operator.reconcile;

import dev.drift.ops.operator.crd.DriftRegistry;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events on a DriftRegistry, one per change the operator made or saw (an object created, updated
 * or deleted; a condition that changed). Messages name objects and reasons, never a secret value.
 * An event that cannot be written is logged, not retried: the status holds the same facts.
 */
public final class EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    private final KubernetesClient client;
    private final Clock clock;
    private final String instanceId;

    public EventRecorder(KubernetesClient client, Clock clock, String instanceId) {
        this.client = client;
        this.clock = clock;
        this.instanceId = instanceId;
    }

    public void record(DriftRegistry about, String type, String reason, String message) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withName(about.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 13))
                    .withNamespace(about.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                    .withApiVersion(about.getApiVersion())
                    .withKind(about.getKind())
                    .withName(about.getMetadata().getName())
                    .withNamespace(about.getMetadata().getNamespace())
                    .withUid(about.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withCount(1)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withNewSource().withComponent(ServerSideApplier.FIELD_MANAGER).endSource()
                .withReportingComponent(ServerSideApplier.FIELD_MANAGER)
                .withReportingInstance(instanceId)
                .build();
        LOG.info("{}/{}: {} {}", about.getMetadata().getNamespace(), about.getMetadata().getName(), reason, message);
        try {
            client.v1().events().inNamespace(about.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} on {}/{}: {}", reason, about.getMetadata().getNamespace(),
                    about.getMetadata().getName(), e.getMessage());
        }
    }
}
