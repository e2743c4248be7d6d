package dev.drift.ops.operator.reconcile;

import dev.drift.ops.deploy.DriftComponent;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.crd.DriftRegistryStatus;
import dev.drift.ops.operator.model.InstanceLabels;
import dev.drift.ops.operator.model.InstanceRenderer;
import dev.drift.ops.operator.model.Ownership;
import dev.drift.ops.operator.model.Problem;
import dev.drift.ops.operator.model.Refusal;
import dev.drift.ops.operator.model.RenderedInstance;
import dev.drift.ops.operator.model.SecretsSeen;
import dev.drift.ops.operator.status.BackendKind;
import dev.drift.ops.operator.status.ConditionTypes;
import dev.drift.ops.operator.status.Observed;
import dev.drift.ops.operator.status.Rollout;
import dev.drift.ops.operator.status.StatusReport;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin, effectful half of the operator: gathers the facts (the Secrets beside the resource),
 * has {@link InstanceRenderer} turn them into objects, applies those with server-side apply,
 * deletes what it made that is no longer wanted, and writes the status only when it changed
 * ({@link StatusWriter}).
 * Every change it makes, and every condition that changes, becomes an Event.
 */
@ControllerConfiguration(name = DriftRegistryReconciler.NAME, fieldManager = ServerSideApplier.FIELD_MANAGER,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public final class DriftRegistryReconciler implements Reconciler<DriftRegistry> {

    public static final String NAME = "driftregistry";
    /** How soon an instance that is not ready yet is looked at again, besides the events of its objects. */
    static final Duration NOT_READY_RECHECK = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(DriftRegistryReconciler.class);

    private final InstanceRenderer renderer;
    private final ServerSideApplier applier;
    private final EventRecorder events;
    private final DriftReadiness readiness;
    private final StatusWriter statuses;
    private final Clock clock;
    private final Map<Class<? extends HasMetadata>, InformerEventSource<? extends HasMetadata, DriftRegistry>> informers =
            new LinkedHashMap<>();

    public DriftRegistryReconciler(InstanceRenderer renderer, ServerSideApplier applier, EventRecorder events,
                                   DriftReadiness readiness, StatusWriter statuses, Clock clock) {
        this.renderer = renderer;
        this.applier = applier;
        this.events = events;
        this.readiness = readiness;
        this.statuses = statuses;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, DriftRegistry>> prepareEventSources(EventSourceContext<DriftRegistry> context) {
        context.getPrimaryCache().addIndexer(SecretReferences.INDEX, SecretReferences::indexValues);
        List<EventSource<?, DriftRegistry>> sources = new ArrayList<>();
        // Every Secret of the namespace: the ones a resource names carry no label of ours, and a
        // missing one must reconcile its resource the moment it is created.
        SecretReferences references = new SecretReferences(context.getPrimaryCache());
        sources.add(register(Secret.class, InformerEventSourceConfiguration.from(Secret.class, DriftRegistry.class)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(references)
                .withPrimaryToSecondaryMapper(references), context));
        for (Class<? extends HasMetadata> kind : ObjectKinds.APPLIED) {
            if (kind != Secret.class) {
                sources.add(labelled(kind, context));
            }
        }
        for (Class<? extends HasMetadata> kind : ObjectKinds.OBSERVED) {
            sources.add(labelled(kind, context));
        }
        return sources;
    }

    /** Only the operator's own objects (and their pods), by the managed-by label. */
    private <T extends HasMetadata> InformerEventSource<T, DriftRegistry> labelled(Class<T> kind,
                                                                                    EventSourceContext<DriftRegistry> context) {
        return register(kind, InformerEventSourceConfiguration.from(kind, DriftRegistry.class)
                .withNamespacesInheritedFromController()
                .withLabelSelector(InstanceLabels.SELECTOR)
                .withSecondaryToPrimaryMapper(new InstanceLabelMapper<>()), context);
    }

    private <T extends HasMetadata> InformerEventSource<T, DriftRegistry> register(
            Class<T> kind, InformerEventSourceConfiguration.Builder<T> configuration, EventSourceContext<DriftRegistry> context) {
        InformerEventSource<T, DriftRegistry> source = new InformerEventSource<>(configuration.build(), context);
        informers.put(kind, source);
        return source;
    }

    @Override
    public UpdateControl<DriftRegistry> reconcile(DriftRegistry resource, Context<DriftRegistry> context) {
        Optional<Problem> notRendered = Optional.empty();
        Optional<RenderedInstance> rendered = Optional.empty();
        try {
            RenderedInstance instance = renderer.render(resource, SecretsSeen.of(context.getSecondaryResources(Secret.class)));
            rendered = Optional.of(instance);
            applyAll(resource, instance, context);
        } catch (Refusal refusal) {
            notRendered = Optional.of(refusal.problem());
        } catch (KubernetesClientException e) {
            notRendered = Optional.of(new Problem("ApplyFailed", apiMessage(e)));
        }
        DriftRegistryStatus previous = statuses.current(resource).orElse(null);
        StatusReport report = new StatusReport(Optional.ofNullable(resource.getMetadata().getGeneration()).orElse(0L),
                notRendered, BackendKind.of(resource.getSpec()), resource.getSpec().replicas(),
                rendered.map(RenderedInstance::endpoint), rendered.flatMap(r -> nodePort(r, context)),
                rendered.map(r -> observe(resource, r, context)).orElse(Observed.nothing()));
        DriftRegistryStatus status = report.status(previous, clock.instant());
        if (!status.equals(previous)) {
            statuses.write(resource, status);
            recordConditionChanges(resource, previous, status);
        }
        statuses.retainOnly(context.getPrimaryCache().list().map(r -> r.getMetadata().getUid()).collect(Collectors.toSet()));
        boolean ready = status.conditions().stream().anyMatch(c -> ConditionTypes.READY.equals(c.getType())
                && "True".equals(c.getStatus()));
        UpdateControl<DriftRegistry> control = UpdateControl.noUpdate();
        return ready ? control : control.rescheduleAfter(NOT_READY_RECHECK);
    }

    private void applyAll(DriftRegistry resource, RenderedInstance instance, Context<DriftRegistry> context) {
        Set<String> wanted = new HashSet<>();
        for (HasMetadata desired : instance.objects()) {
            wanted.add(key(desired));
            apply(resource, desired);
        }
        for (Class<? extends HasMetadata> kind : ObjectKinds.APPLIED) {
            for (HasMetadata actual : context.getSecondaryResources(kind)) {
                if (Ownership.isOwnedBy(actual.getMetadata(), resource) && !wanted.contains(key(actual))) {
                    applier.delete(actual);
                    events.record(resource, EventRecorder.NORMAL, Change.DELETED.eventReason(),
                            Change.DELETED.eventReason() + " " + actual.getKind() + " " + actual.getMetadata().getName());
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> void apply(DriftRegistry resource, T desired) {
        InformerEventSource<T, DriftRegistry> informer = (InformerEventSource<T, DriftRegistry>) informers.get(desired.getClass());
        ResourceID id = new ResourceID(desired.getMetadata().getName(), desired.getMetadata().getNamespace());
        Optional<T> actual = informer.get(id);
        ServerSideApplier.Applied<T> applied = applier.apply(desired, actual);
        ResourceID primary = ResourceID.fromResource(resource);
        // Tell the cache what was written, so the next reconcile compares with it even before the watch delivers it.
        switch (applied.change()) {
            case CREATED -> informer.handleRecentResourceCreate(primary, applied.object());
            case UPDATED -> informer.handleRecentResourceUpdate(primary, applied.object(), actual.orElseThrow());
            default -> {
                return;
            }
        }
        events.record(resource, EventRecorder.NORMAL, applied.change().eventReason(),
                applied.change().eventReason() + " " + desired.getKind() + " " + desired.getMetadata().getName());
    }

    private Observed observe(DriftRegistry resource, RenderedInstance instance, Context<DriftRegistry> context) {
        List<Pod> registryPods = pods(instance.registry(), context);
        Optional<Rollout> registry;
        if (instance.registryDeployment()) {
            // A Deployment replaces a pod of its old template that never became ready by itself: nothing is stuck.
            registry = named(Deployment.class, instance.registry(), context).map(Rollout::of);
        } else {
            Optional<StatefulSet> statefulSet = named(StatefulSet.class, instance.registry(), context);
            statefulSet.ifPresent(s -> replaceStuck(resource, s, registryPods));
            registry = statefulSet.map(Rollout::of);
        }
        Optional<StatefulSet> backend = instance.backend().flatMap(b -> named(StatefulSet.class, b, context));
        List<Pod> backendPods = instance.backend().map(b -> pods(b, context)).orElse(List.of());
        backend.ifPresent(statefulSet -> replaceStuck(resource, statefulSet, backendPods));
        Optional<String> driftNotReady = registryPods.stream().filter(DriftRegistryReconciler::runningButNotReady)
                .findFirst().flatMap(pod -> readiness.whyNotReady(pod, instance.registry()));
        return new Observed(registry, registryPods, backend.map(Rollout::of), backendPods, driftNotReady);
    }

    private void replaceStuck(DriftRegistry resource, StatefulSet statefulSet, List<Pod> pods) {
        StuckPods.of(statefulSet, pods).forEach((pod, trouble) -> {
            applier.delete(pod);
            events.record(resource, EventRecorder.NORMAL, Change.DELETED.eventReason(), "Deleted Pod "
                    + pod.getMetadata().getName() + ": stuck on the old settings (" + trouble.reason()
                    + "), so its StatefulSet makes it again from the new ones");
        });
    }

    private static <T extends HasMetadata> Optional<T> named(Class<T> kind, DriftComponent component,
                                                             Context<DriftRegistry> context) {
        return context.getSecondaryResources(kind).stream()
                .filter(s -> s.getMetadata().getName().equals(component.objectName())).findFirst();
    }

    private static List<Pod> pods(DriftComponent component, Context<DriftRegistry> context) {
        return context.getSecondaryResources(Pod.class).stream()
                .filter(pod -> component.name().equals(pod.getMetadata().getLabels().get(Layout.COMPONENT_LABEL)))
                .toList();
    }

    private static boolean runningButNotReady(Pod pod) {
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                && Optional.ofNullable(pod.getStatus().getConditions()).orElse(List.of()).stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && !"True".equals(c.getStatus()));
    }

    private static Optional<Integer> nodePort(RenderedInstance instance, Context<DriftRegistry> context) {
        return context.getSecondaryResources(Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals(instance.registry().objectName()))
                .filter(s -> "NodePort".equals(s.getSpec().getType()))
                .flatMap(s -> s.getSpec().getPorts().stream())
                .map(port -> port.getNodePort()).filter(Objects::nonNull).findFirst();
    }

    private void recordConditionChanges(DriftRegistry resource, DriftRegistryStatus previous, DriftRegistryStatus status) {
        for (Condition condition : status.conditions()) {
            Optional<Condition> before = previous == null ? Optional.empty() : previous.conditions().stream()
                    .filter(c -> condition.getType().equals(c.getType())).findFirst();
            boolean changed = before.map(b -> !Objects.equals(b.getStatus(), condition.getStatus())
                    || !Objects.equals(b.getReason(), condition.getReason())).orElse(true);
            if (changed) {
                events.record(resource, "False".equals(condition.getStatus()) ? EventRecorder.WARNING : EventRecorder.NORMAL,
                        condition.getReason(), condition.getType() + "=" + condition.getStatus() + ": " + condition.getMessage());
            }
        }
    }

    private static String key(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    private static String apiMessage(KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        LOG.warn("applying an object failed: {}", message);
        return message;
    }
}
