package dev.drift.ops.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.ops.deploy.DefaultImages;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.operator.OperatorSettings;
import dev.drift.ops.operator.RegistryCheckMain;
import dev.drift.ops.operator.install.OperatorInstall;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * charts/drift-operator rendered by the real helm: it lints strictly, and its Deployment, RBAC and metrics Service are
 * OperatorInstall's (what `drift-ops up --target k8s` applies), field for field, cluster-wide and per namespace; its
 * helm test is one pod that may touch only the DriftRegistry it makes (in a namespace the operator watches) and that
 * registry's login; the schema refuses bad values naming the key.
 */
class OperatorChartRenderTest {

    private static final String RELEASE = "ops";
    private static final String NAMESPACE = "ns";
    private static final String VERSION = System.getProperty("drift.version", "0.1.0-SNAPSHOT");
    private static final String IMAGE = DefaultImages.OPERATOR_REPOSITORY + ":" + VERSION;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void helm() {
        Helm.require();
    }

    static Stream<Arguments> valueSets() {
        return Stream.of(
                Arguments.of(Map.of()),
                Arguments.of(Map.of("watchNamespaces[0]", "team-b", "watchNamespaces[1]", "team-a")),
                Arguments.of(Map.of("operatorClass", "ci", "driftImage", "drift:custom", "metrics.serviceMonitor.enabled",
                        "true", "image.digest", "sha256:" + "b".repeat(64), "nodeSelector.disk", "ssd")));
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void lintsStrict(Map<String, String> values) {
        List<String> args = new ArrayList<>(List.of("lint", "--strict", Helm.OPERATOR_CHART.toString()));
        args.addAll(Helm.sets(values));
        Helm.run(args);
    }

    @Test
    void watchingEveryNamespaceInstallsWhatOperatorInstallDoesWithAClusterRole() {
        List<JsonNode> chart = operatorObjects(Map.of());
        List<JsonNode> install = install(Set.of());

        assertSameSpec(chart, install, "Deployment", "spec");
        assertSameSpec(chart, install, "Service", "spec");
        assertSameSpec(chart, install, "ClusterRole", "rules");
        assertSameSpec(chart, install, "ClusterRoleBinding", "roleRef");
        assertSameSpec(chart, install, "ClusterRoleBinding", "subjects");
        assertThat(ChartRenderTest.names(chart, "Role")).as("nothing namespaced when it watches everything").isEmpty();
        assertThat(ChartRenderTest.names(chart, "ServiceAccount")).contains(OperatorInstall.NAME);
    }

    @Test
    void watchingSomeNamespacesGivesARolePerNamespaceAndNothingClusterWide() {
        List<JsonNode> chart = operatorObjects(Map.of("watchNamespaces[0]", "team-b", "watchNamespaces[1]", "team-a"));
        List<JsonNode> install = install(Set.of("team-a", "team-b"));

        assertSameSpec(chart, install, "Deployment", "spec");
        assertThat(ChartRenderTest.names(chart, "ClusterRole")).isEmpty();
        assertThat(ChartRenderTest.names(chart, "ClusterRoleBinding")).isEmpty();
        for (String kind : List.of("Role", "RoleBinding")) {
            assertThat(namespaces(chart, kind)).as(kind).isEqualTo(namespaces(install, kind))
                    .containsExactlyInAnyOrder("team-a", "team-b");
        }
        for (String field : List.of("rules")) {
            assertThat(chart.stream().filter(o -> ChartRenderTest.kind(o).equals("Role")).map(o -> o.get(field)).toList())
                    .isEqualTo(install.stream().filter(o -> ChartRenderTest.kind(o).equals("Role")).map(o -> o.get(field))
                            .toList());
        }
    }

    @Test
    void theOperatorsOwnSettingsReachItsEnvironment() {
        List<JsonNode> chart = Helm.template(Helm.OPERATOR_CHART, RELEASE,
                Map.of("operatorClass", "ci", "driftImage", "drift:custom", "resources.limits.memory", "1Gi"));
        JsonNode container = ChartRenderTest.find(chart, "Deployment", OperatorInstall.NAME)
                .at("/spec/template/spec/containers/0");
        assertThat(ChartRenderTest.env(container)).containsEntry(OperatorSettings.CLASS_ENV, "ci")
                .containsEntry(OperatorSettings.DRIFT_IMAGE_ENV, "drift:custom");
        assertThat(container.at("/resources").toString()).isEqualTo("{\"limits\":{\"memory\":\"1Gi\"}}");
    }

    @Test
    void theHelmTestMayTouchOnlyItsOwnRegistryAndLoginInAWatchedNamespace() throws Exception {
        List<JsonNode> chart = Helm.template(Helm.OPERATOR_CHART, RELEASE,
                Map.of("watchNamespaces[0]", "team-a", "operatorClass", "ci"));
        String registry = RELEASE + "-check";

        JsonNode config = ChartRenderTest.find(chart, "ConfigMap", RELEASE + "-test");
        assertThat(config.at("/metadata/namespace").asText()).as("a namespace the operator watches").isEqualTo("team-a");
        JsonNode resource = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(config.at("/data/registry.yaml").asText());
        assertThat(resource.at("/metadata/name").asText()).isEqualTo(registry);
        assertThat(resource.at("/metadata/namespace").asText()).isEqualTo("team-a");
        assertThat(resource.at("/metadata/labels").get(OperatorSettings.CLASS_LABEL).asText()).isEqualTo("ci");
        assertThat(resource.at("/spec/storage/reclaim").asText()).isEqualTo("Delete");
        assertThat(config.at("/data/push-pull.sh").asText()).isEqualTo(
                ChartModelTest.read(ChartModelTest.OPERATOR_CHART.resolve(GeneratedFiles.PUSH_PULL_SCRIPT)));

        JsonNode role = ChartRenderTest.find(chart, "Role", RELEASE + "-test");
        assertThat(role.at("/rules").size()).isEqualTo(3);
        assertThat(ChartRenderTest.texts(role.at("/rules/0/verbs"))).containsExactly("create");
        assertThat(ChartRenderTest.texts(role.at("/rules/1/resourceNames"))).containsExactly(registry);
        assertThat(ChartRenderTest.texts(role.at("/rules/2/resources"))).containsExactly("secrets");
        assertThat(ChartRenderTest.texts(role.at("/rules/2/verbs"))).containsExactly("get");
        assertThat(ChartRenderTest.texts(role.at("/rules/2/resourceNames")))
                .containsExactly(Layout.container(registry, "auth"));

        List<JsonNode> hooks = chart.stream().filter(o -> o.at("/metadata/annotations").has("helm.sh/hook")).toList();
        assertThat(hooks).as("one test pod alone, so `helm test --logs` finds every hook's logs")
                .extracting(ChartRenderTest::kind).containsExactly("Pod");
        JsonNode pod = hooks.get(0).get("spec");
        assertThat(pod.get("serviceAccountName").asText()).isEqualTo(RELEASE + "-test");
        assertThat(ChartRenderTest.texts(pod.at("/containers/0/command"))).contains(RegistryCheckMain.class.getName());
        assertThat(pod.at("/containers/0/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(pod.at("/containers/0/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    }

    @Test
    void testsOffLeavesTheTestsObjectsOut() {
        List<JsonNode> chart = Helm.template(Helm.OPERATOR_CHART, RELEASE, Map.of("tests.enabled", "false"));
        assertThat(chart).extracting(o -> o.at("/metadata/name").asText()).noneMatch(name -> name.startsWith(RELEASE));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(Map.of("watchNamespaces[0]", "Team_A"), "/watchNamespaces/0"),
                Arguments.of(Map.of("image.pullPolicy", "Sometimes"), "/image/pullPolicy"),
                Arguments.of(Map.of("tests.readySeconds", "0"), "/tests/readySeconds"),
                Arguments.of(Map.of("watchNamespace", "a"), "additional properties 'watchNamespace' not allowed"));
    }

    @ParameterizedTest(name = "{0} refused at {1}")
    @MethodSource("refusals")
    void theSchemaRefusesBadValuesNamingTheKey(Map<String, String> values, String key) {
        assertThat(Helm.refusal(Helm.OPERATOR_CHART, RELEASE, values)).contains(key);
    }

    private static List<JsonNode> install(Set<String> watched) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<JsonNode> objects = new ArrayList<>();
        for (HasMetadata object : new OperatorInstall(NAMESPACE, IMAGE, "IfNotPresent", watched).objects()) {
            try {
                objects.add(JSON.readTree(serialization.asJson(object)));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return objects;
    }

    /** The one object of a kind in each, compared on one field; names too, since both name it after the model. */
    private static void assertSameSpec(List<JsonNode> chart, List<JsonNode> install, String kind, String field) {
        JsonNode fromInstall = single(install, kind);
        JsonNode fromChart = single(chart, kind);
        assertThat(fromChart.at("/metadata/name").asText()).isEqualTo(fromInstall.at("/metadata/name").asText());
        assertThat(fromChart.get(field)).as("%s %s as the chart renders it, against OperatorInstall's", kind, field)
                .isEqualTo(fromInstall.get(field));
    }

    private static JsonNode single(List<JsonNode> objects, String kind) {
        List<JsonNode> found = objects.stream().filter(o -> ChartRenderTest.kind(o).equals(kind)).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    private static List<String> namespaces(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> ChartRenderTest.kind(o).equals(kind))
                .map(o -> o.at("/metadata/namespace").asText()).sorted().toList();
    }

    /** The operator's own objects: what the chart renders without those of `helm test` (checked on their own). */
    private static List<JsonNode> operatorObjects(Map<String, String> values) {
        Map<String, String> withoutTests = new java.util.HashMap<>(values);
        withoutTests.put("tests.enabled", "false");
        return Helm.template(Helm.OPERATOR_CHART, RELEASE, withoutTests);
    }
}
