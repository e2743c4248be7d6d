package dev.drift.ops.operator.install;

import dev.drift.ops.operator.OperatorHttp;
import dev.drift.ops.operator.OperatorSettings;
import dev.drift.ops.operator.crd.DriftRegistry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The objects that install the operator in a cluster, computed purely: the DriftRegistry CRD (the
 * file the build generated), a ServiceAccount, the RBAC rules of {@link OperatorPermissions} (a
 * ClusterRole when it watches every namespace, else a Role in each namespace it watches), the
 * operator's Deployment and the Service of its metrics. Applying them needs cluster-admin; the
 * operator itself then needs nothing more than those rules.
 *
 * @param namespace        where the operator runs (must exist)
 * @param image            the operator image ({@code drift-ops build operator})
 * @param imagePullPolicy  Never for images loaded onto the nodes
 * @param watchNamespaces  empty: every namespace
 */
public record OperatorInstall(String namespace, String image, String imagePullPolicy, Set<String> watchNamespaces) {

    public static final String NAME = "drift-operator";
    /** The CRD as the build generated it (crd-generator), on the classpath of this module's jar. */
    public static final String CRD_RESOURCE = "META-INF/fabric8/" + DriftRegistry.CRD_NAME + "-v1.yml";
    /** The uid of the operator image's user (compose/operator/Dockerfile). */
    public static final long OPERATOR_UID = 10001;
    /** The labels of the operator's pod, which its Deployment and metrics Service select on. */
    public static final Map<String, String> LABELS = Map.of(
            "app.kubernetes.io/name", NAME,
            "app.kubernetes.io/part-of", "drift-ops");
    /** Probes of /healthz for the first minute while the JVM starts and the informers sync. */
    public static final int STARTUP_FAILURE_THRESHOLD = 60;
    /** What the operator's pod asks for and may use (a JVM with a few informers' caches). */
    public static final Map<String, String> RESOURCE_REQUESTS = Map.of("memory", "192Mi", "cpu", "50m");
    public static final Map<String, String> RESOURCE_LIMITS = Map.of("memory", "384Mi");

    public OperatorInstall {
        watchNamespaces = new TreeSet<>(watchNamespaces);
    }

    /** In apply order: the CRD first, the Deployment once what it needs exists. */
    public List<HasMetadata> objects() {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(crd());
        objects.add(new ServiceAccountBuilder().withMetadata(metadata(NAME, namespace)).build());
        objects.addAll(rbac());
        objects.add(deployment());
        objects.add(metricsService());
        return objects;
    }

    public static CustomResourceDefinition crd() {
        return new KubernetesSerialization().unmarshal(crdYaml(), CustomResourceDefinition.class);
    }

    /** The CRD file byte for byte, as charts/drift-operator/crds/ holds it. */
    public static String crdYaml() {
        try (InputStream in = OperatorInstall.class.getClassLoader().getResourceAsStream(CRD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CRD_RESOURCE + " is missing from the classpath; build the operator module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<HasMetadata> rbac() {
        Subject operator = new SubjectBuilder().withKind("ServiceAccount").withName(NAME).withNamespace(namespace).build();
        List<HasMetadata> objects = new ArrayList<>();
        if (watchNamespaces.isEmpty()) {
            objects.add(new ClusterRoleBuilder().withMetadata(metadata(NAME, null))
                    .withRules(OperatorPermissions.rules()).build());
            objects.add(new ClusterRoleBindingBuilder().withMetadata(metadata(NAME, null))
                    .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", NAME)
                    .withSubjects(operator).build());
            return objects;
        }
        for (String watched : watchNamespaces) {
            objects.add(new RoleBuilder().withMetadata(metadata(NAME, watched)).withRules(OperatorPermissions.rules()).build());
            objects.add(new RoleBindingBuilder().withMetadata(metadata(NAME, watched))
                    .withNewRoleRef("rbac.authorization.k8s.io", "Role", NAME)
                    .withSubjects(operator).build());
        }
        return objects;
    }

    private HasMetadata deployment() {
        Probe health = probe(OperatorHttp.HEALTH_PATH);
        return new DeploymentBuilder()
                .withMetadata(metadata(NAME, namespace))
                .withNewSpec()
                    .withReplicas(1)
                    // Never two operators at once: the old pod is gone before the new one starts.
                    .withNewStrategy().withType("Recreate").endStrategy()
                    .withNewSelector().withMatchLabels(LABELS).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(LABELS).endMetadata()
                        .withNewSpec()
                            .withServiceAccountName(NAME)
                            .withNewSecurityContext()
                                .withRunAsNonRoot(true).withRunAsUser(OPERATOR_UID).withRunAsGroup(OPERATOR_UID)
                                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                            .endSecurityContext()
                            .addNewContainer()
                                .withName(NAME)
                                .withImage(image)
                                .withImagePullPolicy(imagePullPolicy)
                                .addNewEnv().withName(OperatorSettings.NAMESPACES_ENV)
                                    .withValue(String.join(",", watchNamespaces)).endEnv()
                                // Said explicitly, though empty (the default class: resources without the label),
                                // so anyone can tell this operator keeps to its class.
                                .addNewEnv().withName(OperatorSettings.CLASS_ENV).withValue("").endEnv()
                                .addNewEnv().withName(OperatorSettings.HTTP_PORT_ENV)
                                    .withValue(Integer.toString(OperatorSettings.DEFAULT_HTTP_PORT)).endEnv()
                                .addNewPort().withName("http").withContainerPort(OperatorSettings.DEFAULT_HTTP_PORT).endPort()
                                .withStartupProbe(new ProbeBuilder(health).withFailureThreshold(STARTUP_FAILURE_THRESHOLD).build())
                                .withLivenessProbe(health)
                                .withReadinessProbe(probe(OperatorHttp.READY_PATH))
                                .withNewResources()
                                    .withRequests(quantities(RESOURCE_REQUESTS))
                                    .withLimits(quantities(RESOURCE_LIMITS))
                                .endResources()
                                .withNewSecurityContext()
                                    .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                                .endSecurityContext()
                                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                            .endContainer()
                            .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    private HasMetadata metricsService() {
        return new ServiceBuilder()
                .withMetadata(metadata(NAME + "-metrics", namespace))
                .withNewSpec()
                    .withSelector(LABELS)
                    .addNewPort().withName("http").withPort(OperatorSettings.DEFAULT_HTTP_PORT)
                        .withTargetPort(new IntOrString("http")).endPort()
                .endSpec()
                .build();
    }

    private static Probe probe(String path) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
                .withPeriodSeconds((int) dev.drift.ops.deploy.Probe.PERIOD.toSeconds())
                .withTimeoutSeconds((int) dev.drift.ops.deploy.Probe.TIMEOUT.toSeconds())
                .withFailureThreshold(dev.drift.ops.deploy.Probe.FAILURE_THRESHOLD)
                .build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> amounts) {
        Map<String, Quantity> quantities = new TreeMap<>();
        amounts.forEach((resource, amount) -> quantities.put(resource, new Quantity(amount)));
        return quantities;
    }

    private static ObjectMeta metadata(String name, String namespace) {
        Map<String, String> labels = new TreeMap<>(LABELS);
        labels.put("app.kubernetes.io/managed-by", "drift-ops");
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels).build();
    }

}
