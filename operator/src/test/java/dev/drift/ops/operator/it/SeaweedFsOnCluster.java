package dev.drift.ops.operator.it;

import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.Secret;
import dev.drift.ops.deploy.BlobStorage;
import dev.drift.ops.deploy.DriftComponent;
import dev.drift.ops.deploy.DriftInstance;
import dev.drift.ops.deploy.InstanceRequest;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.deploy.Probe;
import dev.drift.ops.deploy.SeaweedFsIdentities;
import dev.drift.ops.deploy.SecretFile;
import dev.drift.ops.testkit.SeaweedFs;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A test fixture, not part of what the operator makes: a SeaweedFS pod and Service in the test's namespace, an S3
 * server to point a DriftRegistry's {@code storage.s3} at. The pod is the deployment model's own SeaweedFS component
 * ({@link BlobStorage.OwnSeaweedFs}): its image (compose/seaweedfs), arguments, environment (the bucket it makes),
 * port, data path, probes and identity file all come from {@link DriftInstance}, so nothing here is derived anew.
 */
final class SeaweedFsOnCluster {

    static final String NAME = "seaweedfs";
    private static final String IDENTITIES = "seaweedfs-identities";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final KubernetesClient admin;
    private final String namespace;
    private final Secret accessKey;
    private final Secret secretKey;

    private SeaweedFsOnCluster(KubernetesClient admin, String namespace, Secret accessKey, Secret secretKey) {
        this.admin = admin;
        this.namespace = namespace;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Starts it with one identity holding these keys and waits until its bucket {@link #bucket} is listed. */
    static SeaweedFsOnCluster start(KubernetesClient admin, String namespace, Secret accessKey, Secret secretKey)
            throws IOException {
        String image = ImagesForTests.seaweedFs(admin);
        DriftComponent seaweedFs = DriftInstance.of(new InstanceRequest("fixture", DatabaseBackend.POSTGRES, "unused",
                        Optional.of("unused"), Optional.empty(), InstanceRequest.Hosts.OBJECT_NAMES, false, "",
                        new BlobStorage.OwnSeaweedFs(image), 1))
                .component(Layout.SEAWEEDFS).orElseThrow();
        SecretFile identities = seaweedFs.secret(Layout.S3_IDENTITIES_SECRET).orElseThrow();
        admin.resource(new SecretBuilder().withNewMetadata().withName(IDENTITIES).withNamespace(namespace).endMetadata()
                .withStringData(Map.of(identities.name(), SeaweedFsIdentities.of(accessKey, secretKey).reveal()))
                .build()).create();
        long uid = seaweedFs.runAsUser().orElseThrow();
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(NAME).withNamespace(namespace).addToLabels("app", NAME).endMetadata()
                .withNewSpec()
                    .withAutomountServiceAccountToken(false)
                    .withNewSecurityContext().withRunAsUser(uid).withRunAsGroup(uid).withFsGroup(uid).endSecurityContext()
                    .addNewContainer()
                        .withName(seaweedFs.name())
                        .withImage(seaweedFs.image())
                        .withImagePullPolicy("Never")
                        .withArgs(seaweedFs.args())
                        .withEnv(seaweedFs.env().entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null))
                                .toList())
                        .addNewPort().withContainerPort(seaweedFs.port()).endPort()
                        .withReadinessProbe(probe(seaweedFs.readiness()))
                        // No startupProbe here: the liveness probe's threshold gives weed the start period itself.
                        .withLivenessProbe(probe(seaweedFs.liveness()))
                        .addNewVolumeMount().withName("data").withMountPath(seaweedFs.dataPath()).endVolumeMount()
                        .addNewVolumeMount().withName("secrets").withMountPath(Layout.SECRETS_DIR).withReadOnly(true)
                            .endVolumeMount()
                    .endContainer()
                    .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                    .addNewVolume().withName("secrets").withNewSecret().withSecretName(IDENTITIES).withDefaultMode(0440)
                        .endSecret().endVolume()
                .endSpec()
                .build();
        admin.resource(pod).create();
        admin.resource(new ServiceBuilder().withNewMetadata().withName(NAME).withNamespace(namespace).endMetadata()
                .withNewSpec().withSelector(Map.of("app", NAME))
                    .addNewPort().withPort(seaweedFs.port()).withTargetPort(new IntOrString(seaweedFs.port())).endPort()
                .endSpec().build()).create();
        Eventually.await("the SeaweedFS fixture ready", READY_TIMEOUT, () -> Optional.ofNullable(
                        admin.pods().inNamespace(namespace).withName(NAME).get()).filter(SeaweedFsOnCluster::ready),
                () -> String.valueOf(Optional.ofNullable(admin.pods().inNamespace(namespace).withName(NAME).get())
                        .map(Pod::getStatus).orElse(null)));
        return new SeaweedFsOnCluster(admin, namespace, accessKey, secretKey);
    }

    /** The S3 endpoint as the pods of the namespace reach it, through the Service. */
    String endpoint() {
        return "http://" + NAME + "." + namespace + ".svc:" + Layout.SEAWEEDFS_S3_PORT;
    }

    /** The bucket the image made at start. */
    String bucket() {
        return Layout.SEAWEEDFS_BUCKET;
    }

    /** The keys in the bucket under {@code prefix}, listed through a port-forward to the pod on 127.0.0.1. */
    List<String> keys(String prefix) throws IOException {
        try (LocalPortForward forward = admin.pods().inNamespace(namespace).withName(NAME)
                .portForward(Layout.SEAWEEDFS_S3_PORT, InetAddress.getLoopbackAddress(), 0);
             S3Client s3 = SeaweedFs.client("http://127.0.0.1:" + forward.getLocalPort(), Layout.SEAWEEDFS_REGION,
                     accessKey.reveal(), secretKey.reveal())) {
            return SeaweedFs.keys(s3, bucket(), prefix);
        }
    }

    private static io.fabric8.kubernetes.api.model.Probe probe(Probe probe) {
        ProbeBuilder builder = new ProbeBuilder().withPeriodSeconds((int) Probe.PERIOD.toSeconds())
                .withTimeoutSeconds((int) Probe.TIMEOUT.toSeconds()).withFailureThreshold(Probe.startupFailureThreshold());
        if (probe.httpPath().isPresent()) {
            builder.withNewHttpGet().withPath(probe.httpPath().get()).withPort(new IntOrString(probe.port())).endHttpGet();
        } else {
            builder.withNewExec().withCommand(probe.command()).endExec();
        }
        return builder.build();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
