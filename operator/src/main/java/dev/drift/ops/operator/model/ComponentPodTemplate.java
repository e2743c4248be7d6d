package dev.drift.ops.operator.model;

import dev.drift.ops.deploy.ConfigFile;
import dev.drift.ops.deploy.DriftComponent;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.deploy.SecretFile;
import dev.drift.ops.operator.crd.DriftRegistry;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod of one component of the deployment model, whatever workload runs it (a StatefulSet, or a Deployment for
 * a registry that keeps nothing): its image, command, environment, port, probes, data volume, drift.toml (a
 * ConfigMap) and secret files (a projected volume of Secret keys under /run/secrets, never environment values),
 * hardened as far as the image allows.
 */
public final class ComponentPodTemplate {

    /** What backs the component's data path. */
    public enum Data {
        /** The StatefulSet's claim of that name (its volumeClaimTemplate). */
        CLAIM,
        /** An emptyDir: the pod keeps nothing there that must outlive it. */
        EMPTY_DIR
    }

    private static final String CONFIG_VOLUME = "config";
    private static final String SECRETS_VOLUME = "secrets";
    private static final String TMP_VOLUME = "tmp";
    /** Group-readable: with fsGroup set to the component's uid the files belong to its group. */
    private static final int SECRET_MODE_FOR_GROUP = 0440;
    /**
     * An image without a fixed uid (the postgres image starts as root and drops to a user of its
     * own, whose uid the operator cannot know) can only read its secret if everyone in the pod can.
     */
    private static final int SECRET_MODE_FOR_ANY_USER = 0444;
    /** initdb refuses a non-empty directory, and a filesystem's lost+found at a claim's root is one. */
    private static final String POSTGRES_CLAIM_SUBPATH = "pgdata";

    private ComponentPodTemplate() {
    }

    /**
     * @param secretFiles where each of the component's secret files comes from, by file name
     * @param configMap   the ConfigMap holding the component's config file (when it has one)
     * @param configHash  {@link ConfigHash} of what the pods read, as a pod template annotation
     */
    public static PodTemplateSpec of(DriftRegistry owner, DriftComponent component, String imagePullPolicy,
                                     Map<String, SecretFileSource> secretFiles, Optional<String> configMap,
                                     String configHash, Data data) {
        String instance = owner.getMetadata().getName();
        Map<String, String> labels = InstanceLabels.of(instance, component.name());
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName(ObjectNames.DATA_CLAIM).withMountPath(component.dataPath())
                .withSubPath(component.name().equals(Layout.POSTGRES) ? POSTGRES_CLAIM_SUBPATH : null).build());
        if (data == Data.EMPTY_DIR) {
            volumes.add(new VolumeBuilder().withName(ObjectNames.DATA_CLAIM).withNewEmptyDir().endEmptyDir().build());
        }
        component.config().ifPresent(file -> {
            volumes.add(configVolume(file, configMap.orElseThrow(() ->
                    new IllegalArgumentException(component.name() + " reads a config file but no ConfigMap holds it"))));
            mounts.add(new VolumeMountBuilder().withName(CONFIG_VOLUME).withMountPath(file.directory())
                    .withReadOnly(true).build());
        });
        if (!component.secrets().isEmpty()) {
            volumes.add(secretsVolume(component, secretFiles));
            mounts.add(new VolumeMountBuilder().withName(SECRETS_VOLUME).withMountPath(Layout.SECRETS_DIR)
                    .withReadOnly(true).build());
        }
        boolean fixedUser = component.runAsUser().isPresent();
        if (fixedUser) {
            // The root filesystem is read-only; the JVM and sqlite-jdbc's native library need a writable /tmp.
            volumes.add(new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build());
            mounts.add(new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build());
        }
        Container container = new ContainerBuilder()
                .withName(component.name())
                .withImage(component.image())
                .withImagePullPolicy(imagePullPolicy)
                .withCommand(component.entrypoint())
                .withArgs(component.args())
                .withEnv(component.env().entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList())
                .addNewPort().withName(component.name()).withContainerPort(component.port()).withProtocol("TCP").endPort()
                .withStartupProbe(probe(component.liveness(), dev.drift.ops.deploy.Probe.startupFailureThreshold()))
                .withLivenessProbe(probe(component.liveness(), dev.drift.ops.deploy.Probe.FAILURE_THRESHOLD))
                .withReadinessProbe(probe(component.readiness(), dev.drift.ops.deploy.Probe.FAILURE_THRESHOLD))
                .withVolumeMounts(mounts)
                .withSecurityContext(containerSecurity(fixedUser))
                // A container that exits with an error leaves its last log lines in its status, where the
                // operator reads why it crash-loops (e.g. Drift naming the database it cannot reach).
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .build();
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                    .withLabels(labels)
                    .withAnnotations(Map.of(ConfigHash.ANNOTATION, configHash))
                .endMetadata()
                .withNewSpec()
                    // Nothing in a Drift pod talks to the API server.
                    .withAutomountServiceAccountToken(false)
                    .withEnableServiceLinks(false)
                    .withSecurityContext(podSecurity(component))
                    .withContainers(container)
                    .withVolumes(volumes)
                .endSpec()
                .build();
    }

    private static Volume configVolume(ConfigFile file, String configMap) {
        return new VolumeBuilder().withName(CONFIG_VOLUME)
                .withNewConfigMap().withName(configMap)
                    .addNewItem().withKey(file.fileName()).withPath(file.fileName()).endItem()
                .endConfigMap()
                .build();
    }

    private static Volume secretsVolume(DriftComponent component, Map<String, SecretFileSource> secretFiles) {
        List<VolumeProjection> sources = new ArrayList<>();
        for (SecretFile file : component.secrets()) {
            SecretFileSource source = secretFiles.get(file.name());
            if (source == null) {
                throw new IllegalArgumentException(component.name() + " reads secret file " + file.name()
                        + " but nothing supplies it");
            }
            sources.add(new VolumeProjectionBuilder()
                    .withNewSecret().withName(source.secretName())
                        .addNewItem().withKey(source.key()).withPath(file.name()).endItem()
                    .endSecret()
                    .build());
        }
        return new VolumeBuilder().withName(SECRETS_VOLUME)
                .withNewProjected()
                    .withDefaultMode(component.runAsUser().isPresent() ? SECRET_MODE_FOR_GROUP : SECRET_MODE_FOR_ANY_USER)
                    .withSources(sources)
                .endProjected()
                .build();
    }

    private static Probe probe(dev.drift.ops.deploy.Probe probe, int failureThreshold) {
        ProbeBuilder builder = new ProbeBuilder()
                .withPeriodSeconds((int) dev.drift.ops.deploy.Probe.PERIOD.toSeconds())
                .withTimeoutSeconds((int) dev.drift.ops.deploy.Probe.TIMEOUT.toSeconds())
                .withFailureThreshold(failureThreshold);
        if (probe.httpPath().isPresent()) {
            builder.withNewHttpGet().withPath(probe.httpPath().get())
                    .withPort(new io.fabric8.kubernetes.api.model.IntOrString(probe.port())).endHttpGet();
        } else {
            builder.withNewExec().withCommand(probe.command()).endExec();
        }
        return builder.build();
    }

    /**
     * A component whose image fixes its uid (Drift) runs as that user, never root, with group
     * ownership of its volumes (fsGroup); one that starts as root to drop privileges itself (the
     * postgres image) keeps that, confined by the runtime's default seccomp profile.
     */
    private static PodSecurityContext podSecurity(DriftComponent component) {
        PodSecurityContextBuilder builder = new PodSecurityContextBuilder()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile();
        component.runAsUser().ifPresent(uid -> builder
                .withRunAsUser(uid.longValue())
                .withRunAsGroup(uid.longValue())
                .withFsGroup(uid.longValue())
                .withRunAsNonRoot(true));
        return builder.build();
    }

    private static SecurityContext containerSecurity(boolean fixedUser) {
        SecurityContextBuilder builder = new SecurityContextBuilder().withAllowPrivilegeEscalation(false);
        if (fixedUser) {
            Capabilities none = new CapabilitiesBuilder().withDrop("ALL").build();
            builder.withReadOnlyRootFilesystem(true).withCapabilities(none);
        }
        return builder.build();
    }
}
