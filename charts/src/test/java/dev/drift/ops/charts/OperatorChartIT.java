package dev.drift.ops.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.operator.OperatorSettings;
import dev.drift.ops.testkit.Commands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * charts/drift-operator on the real local cluster: its objects pass a server-side dry run; `helm install --wait`
 * (timed) of an operator that watches one namespace with its own class, so it never meets an operator `drift-ops up`
 * installed; `helm test` (a DriftRegistry made, Ready, pushed to, pulled from, deleted); a DriftRegistry of the user's
 * passes the e2e suite; `helm uninstall` of the operator leaves that registry serving what was pushed before.
 */
class OperatorChartIT {

    private static final long PID = ProcessHandle.current().pid();
    private static final String NAMESPACE = "operator-chart-it-" + PID;
    private static final String RELEASE = "ops";
    private static final String OPERATOR_CLASS = "chart-it-" + PID;
    /** Built from this build's jars under tags of this run (ChartImages): the node cannot hold older ones by those names. */
    private static String operatorImage;
    private static String driftImage;

    private static OnCluster cluster;

    @BeforeAll
    static void imagesOnTheNode() {
        cluster = OnCluster.require();
        operatorImage = ChartImages.operator();
        driftImage = ChartImages.drift();
        cluster.onNode(operatorImage);
        cluster.onNode(driftImage);
        cluster.kubectl("create", "namespace", NAMESPACE);
    }

    @AfterAll
    static void cleanUp() {
        if (cluster == null) {
            return;
        }
        cluster.tryHelm("uninstall", RELEASE, "-n", NAMESPACE, "--wait");
        // Without the operator nothing removes a DriftRegistry's objects but their owner references; the namespace
        // takes all of them, and the cluster wipes the Released volumes.
        cluster.tryKubectl("delete", "namespace", NAMESPACE, "--wait=true", "--timeout=150s");
    }

    @Test
    void renderedObjectsPassTheApiServersDryRun() throws Exception {
        for (Map<String, String> values : List.of(Map.<String, String>of(), Map.of("watchNamespaces[0]", NAMESPACE))) {
            List<String> args = new ArrayList<>(List.of("template", RELEASE, Helm.OPERATOR_CHART.toString(), "-n",
                    NAMESPACE, "--include-crds", "--skip-tests"));
            args.addAll(Helm.sets(values));
            Commands.Result result = cluster.dryRun(NAMESPACE, Helm.run(args));
            assertThat(result.succeeded()).as(values + ": " + result.describe()).isTrue();
        }
    }

    @Test
    void installsPassesHelmTestServesTheSuiteAndLeavesDriftServingWhenUninstalled() throws Exception {
        long start = System.nanoTime();
        cluster.helm("install", RELEASE, Helm.OPERATOR_CHART.toString(), "-n", NAMESPACE, "--wait",
                "--timeout", OnCluster.WAIT.toSeconds() + "s",
                "--set", "image.repository=" + operatorImage.substring(0, operatorImage.lastIndexOf(':')),
                "--set", "image.tag=" + operatorImage.substring(operatorImage.lastIndexOf(':') + 1),
                "--set", "watchNamespaces[0]=" + NAMESPACE, "--set", "operatorClass=" + OPERATOR_CLASS,
                "--set", "driftImage=" + driftImage);
        OnCluster.record(String.format("helm install charts/drift-operator -> ready in %.1f s",
                (System.nanoTime() - start) / 1e9));
        assertThat(cluster.kubectl("get", "role,rolebinding", "-n", NAMESPACE, "-o", "name"))
                .contains("role.rbac.authorization.k8s.io/drift-operator");

        Commands.Result test = cluster.tryHelm("test", RELEASE, "-n", NAMESPACE, "--logs", "--timeout", "400s");
        assertThat(test.succeeded()).as(test.describe()).isTrue();
        assertThat(test.stdout()).contains("DriftRegistry " + NAMESPACE + "/" + RELEASE + "-check is Ready")
                .contains("pushed, pulled and deleted a manifest and its blobs")
                .contains("deleted DriftRegistry " + NAMESPACE + "/" + RELEASE + "-check");
        assertThat(cluster.kubectl("get", "driftregistries", "-n", NAMESPACE, "-o", "name"))
                .as("the test deletes its DriftRegistry once it passed").doesNotContain(RELEASE + "-check");

        String instance = "served";
        cluster.apply(NAMESPACE, """
                apiVersion: drift.dev/v1alpha1
                kind: DriftRegistry
                metadata:
                  name: %s
                  labels: {%s: %s}
                spec:
                  backend: sqlite
                  imagePullPolicy: IfNotPresent
                  service: {type: NodePort}
                """.formatted(instance, OperatorSettings.CLASS_LABEL, OPERATOR_CLASS));
        cluster.kubectl("wait", "-n", NAMESPACE, "--for=condition=Ready", "driftregistry/" + instance, "--timeout=300s");
        cluster.e2e(NAMESPACE, instance, "charts/drift-operator, a DriftRegistry (sqlite)");
        Registry.Pushed pushed = cluster.registry(NAMESPACE, instance).push("it/kept", "v1", "after the operator "
                + System.nanoTime());
        String pod = cluster.kubectl("get", "pod", "-n", NAMESPACE, "drift-" + instance + "-registry-0",
                "-o", "jsonpath={.metadata.uid}");

        cluster.helm("uninstall", RELEASE, "-n", NAMESPACE, "--wait");
        assertThat(cluster.kubectl("get", "deployments", "-n", NAMESPACE, "-o", "name")).doesNotContain("drift-operator");
        assertThat(cluster.kubectl("get", "crd", "driftregistries.drift.dev", "-o", "name"))
                .as("helm never deletes what crds/ installed").isNotEmpty();
        assertThat(cluster.kubectl("get", "pod", "-n", NAMESPACE, "drift-" + instance + "-registry-0",
                "-o", "jsonpath={.metadata.uid}")).as("Drift's pod was left alone").isEqualTo(pod);
        assertThat(cluster.registry(NAMESPACE, instance).pull("it/kept", "v1", pushed))
                .as("pulled after the operator was uninstalled").isEqualTo(pushed);
    }
}
