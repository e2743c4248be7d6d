package dev.drift.ops.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.Secret;
import dev.drift.ops.deploy.DefaultImages;
import dev.drift.ops.deploy.DriftComponent;
import dev.drift.ops.deploy.DriftInstance;
import dev.drift.ops.deploy.JvmOptions;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.deploy.Probe;
import dev.drift.ops.deploy.SecretFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * charts/drift rendered by the real helm over a matrix of values: lint --strict passes, and what it renders is what
 * the deployment model gives (names, images, command, environment, ports, paths, probes, drift.toml), hardened, with
 * no secret value in a ConfigMap or an environment variable, consistent labels and selectors; the schema refuses
 * bad values naming the key; the checksums on the pod templates change exactly when a config or a secret does.
 */
class ChartRenderTest {

    private static final String RELEASE = "dev";
    private static final String VERSION = System.getProperty("drift.version", "0.1.0-SNAPSHOT");
    private static final String ZQLITE_IMAGE = "drift-zqlite:test";

    record Case(String name, DatabaseBackend backend, boolean auth, Map<String, String> values) {
        String authMode() {
            return auth ? "basic" : "none";
        }

        boolean externalPostgres() {
            return "true".equals(values.get("postgresql.external.enabled"));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> matrix() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("sqlite, defaults", DatabaseBackend.SQLITE, true, Map.of()));
        cases.add(new Case("sqlite, auth off", DatabaseBackend.SQLITE, false, Map.of("auth.enabled", "false")));
        cases.add(new Case("sqlite, existing login secret", DatabaseBackend.SQLITE, true,
                Map.of("auth.existingSecret", "my-login")));
        cases.add(new Case("sqlite, persistence off", DatabaseBackend.SQLITE, true, Map.of("persistence.enabled", "false")));
        cases.add(new Case("sqlite, existing claim", DatabaseBackend.SQLITE, true,
                Map.of("persistence.existingClaim", "my-claim")));
        cases.add(new Case("sqlite, NodePort 30500, image digest", DatabaseBackend.SQLITE, true, Map.of("service.type",
                "NodePort", "service.nodePort", "30500", "image.digest", "sha256:" + "a".repeat(64))));
        cases.add(new Case("sqlite, LoadBalancer, claims deleted on uninstall", DatabaseBackend.SQLITE, true,
                Map.of("service.type", "LoadBalancer", "persistence.deleteClaimsOnUninstall", "true")));
        cases.add(new Case("postgres, bundled", DatabaseBackend.POSTGRES, true, Map.of("backend", "postgres")));
        cases.add(new Case("postgres, bundled, auth off", DatabaseBackend.POSTGRES, false,
                Map.of("backend", "postgres", "auth.enabled", "false")));
        cases.add(new Case("postgres, external", DatabaseBackend.POSTGRES, true, Map.of("backend", "postgres",
                "postgresql.external.enabled", "true", "postgresql.external.urlSecret.name", "my-pg",
                "postgresql.external.urlSecret.key", "url")));
        cases.add(new Case("postgres, external, existing login secret", DatabaseBackend.POSTGRES, true,
                Map.of("backend", "postgres", "postgresql.external.enabled", "true",
                        "postgresql.external.urlSecret.name", "my-pg", "auth.existingSecret", "my-login")));
        cases.add(new Case("postgres, external, CA and client certificate", DatabaseBackend.POSTGRES, true,
                Map.of("backend", "postgres", "postgresql.external.enabled", "true",
                        "postgresql.external.urlSecret.name", "my-pg", "postgresql.external.tls.caSecret.name", "my-ca",
                        "postgresql.external.tls.clientSecret.name", "my-client")));
        cases.add(new Case("postgres, network policies, ingress, disruption budget", DatabaseBackend.POSTGRES, true,
                Map.of("backend", "postgres", "networkPolicy.enabled", "true",
                        "networkPolicy.from[0].namespaceSelector.matchLabels.team", "ci", "ingress.enabled", "true",
                        "ingress.hosts[0].host", "registry.example.com", "podDisruptionBudget.enabled", "true")));
        cases.add(new Case("postgres, external, network policy", DatabaseBackend.POSTGRES, true, Map.of("backend",
                "postgres", "postgresql.external.enabled", "true", "postgresql.external.urlSecret.name", "my-pg",
                "networkPolicy.enabled", "true", "networkPolicy.externalPostgres.to[0].ipBlock.cidr", "10.1.2.0/24")));
        cases.add(new Case("zqlite", DatabaseBackend.ZQLITE, true, Map.of("backend", "zqlite", "zqlite.image", ZQLITE_IMAGE)));
        cases.add(new Case("zqlite, auth off", DatabaseBackend.ZQLITE, false,
                Map.of("backend", "zqlite", "zqlite.image", ZQLITE_IMAGE, "auth.enabled", "false")));
        return cases;
    }

    @BeforeAll
    static void helm() {
        Helm.require();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void lintsStrict(Case c) {
        List<String> args = new ArrayList<>(List.of("lint", "--strict", Helm.CHART.toString()));
        args.addAll(Helm.sets(c.values()));
        Helm.run(args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void rendersWhatTheModelGives(Case c) {
        List<JsonNode> objects = Helm.template(RELEASE, c.values());
        DriftInstance model = ChartModel.instance(RELEASE, c.backend(), c.authMode(), expectedDriftImage(c),
                c.backend() == DatabaseBackend.ZQLITE ? ZQLITE_IMAGE : DefaultImages.POSTGRES);
        List<DriftComponent> components = model.components().stream()
                .filter(component -> !(component.name().equals(Layout.POSTGRES) && c.externalPostgres())).toList();

        assertThat(names(objects, "StatefulSet")).containsExactlyElementsOf(
                components.stream().map(DriftComponent::objectName).toList());
        assertThat(names(objects, "Service")).containsExactlyElementsOf(
                components.stream().map(DriftComponent::objectName).toList());
        for (DriftComponent component : components) {
            JsonNode sts = find(objects, "StatefulSet", component.objectName());
            JsonNode pod = sts.at("/spec/template/spec");
            JsonNode container = pod.get("containers").get(0);
            assertThat(pod.get("containers")).hasSize(1);
            assertThat(container.get("name").asText()).isEqualTo(component.name());
            assertThat(container.get("image").asText()).isEqualTo(component.image());
            assertThat(texts(container.get("command"))).isEqualTo(component.entrypoint());
            assertThat(texts(container.get("args"))).isEqualTo(component.args());
            assertThat(env(container)).isEqualTo(component.env());
            assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(component.port());
            assertThat(mount(container, "data").get("mountPath").asText()).isEqualTo(component.dataPath());
            component.config().ifPresentOrElse(config -> {
                assertThat(mount(container, "config").get("mountPath").asText()).isEqualTo(config.directory());
                assertThat(mount(container, "config").get("readOnly").asBoolean()).isTrue();
            }, () -> assertThat(findMount(container, "config")).isEmpty());
            assertProbe(container.get("startupProbe"), component.liveness(), Probe.startupFailureThreshold());
            assertProbe(container.get("livenessProbe"), component.liveness(), Probe.FAILURE_THRESHOLD);
            assertProbe(container.get("readinessProbe"), component.readiness(), Probe.FAILURE_THRESHOLD);
            assertSecretFiles(c, pod, container, component);
            component.runAsUser().ifPresent(uid -> {
                assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(uid);
                assertThat(pod.at("/securityContext/fsGroup").asInt()).isEqualTo(uid);
            });

            JsonNode service = find(objects, "Service", component.objectName());
            assertThat(service.at("/spec/ports/0/targetPort").asInt()).isEqualTo(component.port());
            assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(Layout.REGISTRY_PORT == component.port()
                    ? Integer.parseInt(c.values().getOrDefault("service.port", "5000")) : component.port());
        }

        String toml = configMap(objects).get("drift.toml").asText();
        assertThat(withoutComments(toml)).isEqualTo(withoutComments(model.registry().config().orElseThrow().text()));
        if (c.backend() == DatabaseBackend.POSTGRES && !c.externalPostgres()) {
            Map<String, String> credentials = secretData(find(objects, "Secret", Layout.container(RELEASE, "postgres")));
            assertThat(credentials.get(Layout.POSTGRES_URL_SECRET))
                    .isEqualTo(model.managedPostgresUrl(Secret.of(credentials.get(Layout.POSTGRES_PASSWORD_SECRET))).reveal());
        }
        if (c.auth() && !c.values().containsKey("auth.existingSecret")) {
            Map<String, String> login = secretData(find(objects, "Secret", Layout.container(RELEASE, "auth")));
            String entry = secretData(find(objects, "Secret", Layout.container(RELEASE, "basic-users")))
                    .get(Layout.BASIC_USERS_SECRET);
            assertThat(login.get("username")).isEqualTo("drift");
            assertThat(login.get("password")).hasSize(32);
            assertThat(entry).startsWith("drift:$2a$");
            assertThat(at.favre.lib.crypto.bcrypt.BCrypt.verifyer().verify(login.get("password").toCharArray(),
                    entry.substring("drift:".length()).toCharArray()).verified).as("the entry is the login's").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void noSecretValueInAConfigMapOrTheEnvironment(Case c) {
        List<JsonNode> objects = Helm.template(RELEASE, c.values());
        List<String> secretValues = new ArrayList<>();
        objects.stream().filter(o -> kind(o).equals("Secret"))
                .forEach(secret -> secretData(secret).forEach((key, value) -> {
                    // A basic-auth Secret's user name is no secret (it is "drift", a word drift.toml is full of).
                    if (!key.equals("username")) {
                        secretValues.add(value);
                    }
                }));
        List<String> exposed = new ArrayList<>();
        for (JsonNode object : objects) {
            if (kind(object).equals("ConfigMap")) {
                object.get("data").properties().forEach(entry -> exposed.add(entry.getValue().asText()));
            }
            podSpec(object).ifPresent(pod -> pod.get("containers").forEach(container -> {
                if (container.has("env")) {
                    container.get("env").forEach(variable -> {
                        assertThat(variable.has("valueFrom")).as("secrets are files, never environment values").isFalse();
                        assertThat(variable.get("name").asText())
                                .matches(name -> !(name.contains("PASSWORD") || name.contains("URL"))
                                        || name.endsWith("_FILE"), "a secret-looking name is a _FILE");
                        exposed.add(variable.get("value").asText());
                    });
                }
                container.path("args").forEach(arg -> exposed.add(arg.asText()));
            }));
        }
        for (String secret : secretValues) {
            for (String text : exposed) {
                assertThat(text).doesNotContain(secret);
            }
        }
        assertThat(configMap(objects).get("drift.toml").asText()).contains("postgres_url = \"\"")
                .contains("users = []").contains("jwt_secret = \"\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void everyPodIsHardenedAndDriftsAsFarAsItGoes(Case c) {
        List<JsonNode> objects = Helm.template(RELEASE, c.values());
        List<JsonNode> pods = objects.stream().map(ChartRenderTest::podSpec).flatMap(Optional::stream).toList();
        assertThat(pods).hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode pod : pods) {
            assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
            assertThat(pod.get("automountServiceAccountToken").asBoolean(true)).isFalse();
            pod.get("containers").forEach(container ->
                    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse());
        }
        List<JsonNode> driftPods = new ArrayList<>();
        driftPods.add(find(objects, "StatefulSet", Layout.container(RELEASE, Layout.REGISTRY)).at("/spec/template/spec"));
        driftPods.add(find(objects, "Pod", Layout.container(RELEASE, "test")).get("spec"));
        for (JsonNode pod : driftPods) {
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(Layout.DRIFT_UID);
            assertThat(pod.at("/securityContext/runAsGroup").asInt()).isEqualTo(Layout.DRIFT_UID);
            assertThat(pod.at("/securityContext/fsGroup").asInt()).isEqualTo(Layout.DRIFT_UID);
            JsonNode container = pod.get("containers").get(0);
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(texts(container.at("/securityContext/capabilities/drop"))).containsExactly("ALL");
            assertThat(mount(container, "tmp").get("mountPath").asText()).isEqualTo("/tmp");
            assertThat(volume(pod, "tmp").has("emptyDir")).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void labelsAndSelectorsAreConsistent(Case c) {
        List<JsonNode> objects = Helm.template(RELEASE, c.values());
        List<JsonNode> statefulSets = objects.stream().filter(o -> kind(o).equals("StatefulSet")).toList();
        for (JsonNode sts : statefulSets) {
            Map<String, String> selector = map(sts.at("/spec/selector/matchLabels"));
            Map<String, String> podLabels = map(sts.at("/spec/template/metadata/labels"));
            String component = selector.get(Layout.COMPONENT_LABEL);
            assertThat(selector).containsOnlyKeys(Layout.INSTANCE_LABEL, Layout.COMPONENT_LABEL)
                    .containsEntry(Layout.INSTANCE_LABEL, RELEASE);
            assertThat(podLabels).containsAllEntriesOf(selector);
            assertThat(sts.at("/metadata/name").asText()).isEqualTo(Layout.container(RELEASE, component));
            JsonNode service = find(objects, "Service", sts.at("/spec/serviceName").asText());
            assertThat(map(service.at("/spec/selector"))).isEqualTo(selector);
            // Exactly one StatefulSet's pods match each Service.
            assertThat(statefulSets.stream().filter(other ->
                    map(other.at("/spec/template/metadata/labels")).entrySet().containsAll(selector.entrySet())))
                    .hasSize(1);
        }
        for (JsonNode object : objects) {
            Map<String, String> labels = map(object.at("/metadata/labels"));
            assertThat(labels).as(kind(object) + " " + object.at("/metadata/name").asText())
                    .containsEntry(Layout.INSTANCE_LABEL, RELEASE)
                    .containsEntry("app.kubernetes.io/instance", RELEASE)
                    .containsEntry("app.kubernetes.io/managed-by", "Helm");
        }
    }

    @Test
    void checksumsChangeExactlyWhenTheConfigOrASecretDoes() {
        Map<String, String> base = new TreeMap<>(Map.of("backend", "postgres", "auth.existingSecret", "my-login",
                "postgresql.password", "first-password"));
        Map<String, Map<String, String>> before = checksums(base);
        assertThat(checksums(base)).as("the same values render the same checksums").isEqualTo(before);

        Map<String, String> unrelated = new TreeMap<>(base);
        unrelated.putAll(Map.of("service.type", "NodePort", "resources.limits.memory", "1Gi",
                "podAnnotations.team", "registry", "image.tag", "other"));
        assertThat(checksums(unrelated)).as("neither config nor secret changed").isEqualTo(before);

        Map<String, String> password = new TreeMap<>(base);
        password.put("postgresql.password", "second-password");
        Map<String, Map<String, String>> newPassword = checksums(password);
        assertThat(newPassword.get("registry").get("checksum/config")).isEqualTo(before.get("registry").get("checksum/config"));
        assertThat(newPassword.get("registry").get("checksum/secrets")).isNotEqualTo(before.get("registry").get("checksum/secrets"));
        assertThat(newPassword.get("postgres").get("checksum/secrets")).isNotEqualTo(before.get("postgres").get("checksum/secrets"));

        Map<String, String> authOff = new TreeMap<>(base);
        authOff.put("auth.enabled", "false");
        Map<String, Map<String, String>> noAuth = checksums(authOff);
        assertThat(noAuth.get("registry").get("checksum/config")).as("drift.toml changed (auth mode)")
                .isNotEqualTo(before.get("registry").get("checksum/config"));
        assertThat(noAuth.get("postgres")).as("PostgreSQL reads nothing that changed").isEqualTo(before.get("postgres"));
    }

    @Test
    void networkPoliciesLetInOnlyDriftsPortAndOutOnlyDnsAndItsDatabase() {
        List<JsonNode> objects = Helm.template(RELEASE, matrix().stream()
                .filter(c -> c.name().startsWith("postgres, network policies")).findFirst().orElseThrow().values());
        JsonNode drift = find(objects, "NetworkPolicy", Layout.container(RELEASE, Layout.REGISTRY)).get("spec");
        Map<String, String> registry = map(find(objects, "StatefulSet", Layout.container(RELEASE, Layout.REGISTRY))
                .at("/spec/selector/matchLabels"));
        Map<String, String> postgres = map(find(objects, "StatefulSet", Layout.container(RELEASE, Layout.POSTGRES))
                .at("/spec/selector/matchLabels"));
        assertThat(map(drift.at("/podSelector/matchLabels"))).isEqualTo(registry);
        assertThat(texts(drift.get("policyTypes"))).containsExactly("Ingress", "Egress");
        assertThat(drift.get("ingress")).hasSize(1);
        assertThat(drift.at("/ingress/0/ports/0/port").asInt()).isEqualTo(Layout.REGISTRY_PORT);
        assertThat(drift.at("/ingress/0/from/0/namespaceSelector/matchLabels/team").asText()).isEqualTo("ci");
        assertThat(map(drift.at("/ingress/0/from/1/podSelector/matchLabels")))
                .as("helm test's pod may reach Drift").isEqualTo(map(find(objects, "Pod",
                        Layout.container(RELEASE, "test")).at("/metadata/labels")).entrySet().stream()
                        .filter(e -> e.getKey().startsWith(Layout.LABEL_PREFIX))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThat(drift.get("egress")).hasSize(2);
        assertThat(drift.at("/egress/0/ports/0/port").asInt()).isEqualTo(53);
        assertThat(map(drift.at("/egress/1/to/0/podSelector/matchLabels"))).isEqualTo(postgres);
        assertThat(drift.at("/egress/1/ports/0/port").asInt()).isEqualTo(Layout.POSTGRES_PORT);

        JsonNode database = find(objects, "NetworkPolicy", Layout.container(RELEASE, Layout.POSTGRES)).get("spec");
        assertThat(map(database.at("/podSelector/matchLabels"))).isEqualTo(postgres);
        assertThat(map(database.at("/ingress/0/from/0/podSelector/matchLabels"))).isEqualTo(registry);
        assertThat(database.at("/ingress/0/ports/0/port").asInt()).isEqualTo(Layout.POSTGRES_PORT);
        assertThat(database.get("egress")).isEmpty();

        assertThat(map(find(objects, "PodDisruptionBudget", Layout.container(RELEASE, Layout.REGISTRY))
                .at("/spec/selector/matchLabels"))).isEqualTo(registry);
        JsonNode ingress = find(objects, "Ingress", Layout.container(RELEASE, Layout.REGISTRY));
        assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo("registry.example.com");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText())
                .isEqualTo(Layout.container(RELEASE, Layout.REGISTRY));
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/port/name").asText())
                .isEqualTo(find(objects, "Service", Layout.container(RELEASE, Layout.REGISTRY)).at("/spec/ports/0/name").asText());

        List<JsonNode> external = Helm.template(RELEASE, matrix().stream()
                .filter(c -> c.name().equals("postgres, external, network policy")).findFirst().orElseThrow().values());
        JsonNode toExternal = find(external, "NetworkPolicy", Layout.container(RELEASE, Layout.REGISTRY)).get("spec");
        assertThat(toExternal.at("/egress/1/to/0/ipBlock/cidr").asText()).isEqualTo("10.1.2.0/24");
        assertThat(toExternal.at("/egress/1/ports/0/port").asInt()).isEqualTo(5432);
        assertThat(names(external, "NetworkPolicy")).containsExactly(Layout.container(RELEASE, Layout.REGISTRY));
    }

    @Test
    void theServiceMonitorScrapesDriftsMetricsThroughItsService() {
        List<JsonNode> objects = Helm.template(RELEASE, Map.of("metrics.serviceMonitor.enabled", "true",
                "metrics.serviceMonitor.labels.release", "prometheus"));
        JsonNode monitor = find(objects, "ServiceMonitor", Layout.container(RELEASE, Layout.REGISTRY));
        JsonNode service = find(objects, "Service", Layout.container(RELEASE, Layout.REGISTRY));
        assertThat(map(service.at("/metadata/labels"))).containsAllEntriesOf(map(monitor.at("/spec/selector/matchLabels")));
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo(service.at("/spec/ports/0/name").asText());
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
        assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
    }

    @Test
    void defaultsAreTheModels() throws Exception {
        JsonNode chart = new YAMLMapper().readTree(Helm.CHART.resolve("Chart.yaml").toFile());
        assertThat(chart.get("appVersion").asText()).as("the Drift image drift-ops builds").isEqualTo(VERSION);
        assertThat(chart.get("version").asText()).isEqualTo(VERSION);
        List<JsonNode> postgres = Helm.template(RELEASE, Map.of("backend", "postgres"));
        assertThat(find(postgres, "StatefulSet", Layout.container(RELEASE, Layout.REGISTRY))
                .at("/spec/template/spec/containers/0/image").asText()).isEqualTo(DefaultImages.drift(VERSION));
        assertThat(find(postgres, "StatefulSet", Layout.container(RELEASE, Layout.POSTGRES))
                .at("/spec/template/spec/containers/0/image").asText()).isEqualTo(DefaultImages.POSTGRES);
        assertThat(find(postgres, "Service", Layout.container(RELEASE, Layout.REGISTRY)).at("/spec/ports/0/port").asInt())
                .isEqualTo(Layout.REGISTRY_PORT);
    }

    @Test
    void javaOptionsFollowTheModelsDefaultsInDriftsEnvironmentAlone() {
        List<JsonNode> objects = Helm.template(RELEASE, Map.of("backend", "postgres", "javaOptions", "-Xmx300m"));

        assertThat(env(find(objects, "StatefulSet", Layout.container(RELEASE, Layout.REGISTRY))
                .at("/spec/template/spec/containers/0")).get(JvmOptions.LAUNCHER_ENV))
                .isEqualTo(JvmOptions.joined("-Xmx300m")).endsWith(" -Xmx300m");
        assertThat(env(find(objects, "StatefulSet", Layout.container(RELEASE, Layout.POSTGRES))
                .at("/spec/template/spec/containers/0"))).doesNotContainKey(JvmOptions.LAUNCHER_ENV);
    }

    @Test
    void anExternalPostgresTlsFilesAreMountedForDriftAloneFromTheUsersSecrets() {
        List<JsonNode> objects = Helm.template(RELEASE, Map.of("backend", "postgres", "postgresql.external.enabled",
                "true", "postgresql.external.urlSecret.name", "my-pg", "postgresql.external.tls.caSecret.name", "my-ca",
                "postgresql.external.tls.clientSecret.name", "my-client", "postgresql.external.tls.clientSecret.keyKey",
                "key.pk8"));
        JsonNode pod = find(objects, "StatefulSet", Layout.container(RELEASE, Layout.REGISTRY)).at("/spec/template/spec");
        assertThat(mount(pod.at("/containers/0"), "postgres-tls").at("/mountPath").asText())
                .isEqualTo(Layout.POSTGRES_TLS_DIR);
        List<String> items = new ArrayList<>();
        volume(pod, "postgres-tls").at("/projected/sources").forEach(source -> items.add(
                source.at("/secret/name").asText() + "/" + source.at("/secret/items/0/key").asText() + " -> "
                        + source.at("/secret/items/0/path").asText()));
        assertThat(items).containsExactly("my-ca/ca.crt -> " + Layout.POSTGRES_TLS_CA,
                "my-client/tls.crt -> " + Layout.POSTGRES_TLS_CERT, "my-client/key.pk8 -> " + Layout.POSTGRES_TLS_KEY);
        assertThat(volume(pod, "postgres-tls").at("/projected/defaultMode").asInt()).as("0440").isEqualTo(288);

        assertThat(Helm.refusal(Helm.CHART, RELEASE, Map.of("backend", "postgres",
                "postgresql.external.tls.caSecret.name", "my-ca")))
                .contains("postgresql.external.tls").contains("postgresql.external.enabled=true");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(Map.of("backend", "mysql"), "/backend"),
                Arguments.of(Map.of("persistence.size", "-1Gi"), "/persistence/size"),
                Arguments.of(Map.of("postgresql.persistence.size", "-8Gi"), "/postgresql/persistence/size"),
                Arguments.of(Map.of("backend", "zqlite"), "/zqlite/image"),
                Arguments.of(Map.of("backend", "postgres", "postgresql.external.enabled", "true"),
                        "/postgresql/external/urlSecret/name"),
                Arguments.of(Map.of("service.type", "Nodeport"), "/service/type"),
                Arguments.of(Map.of("service.port", "70000"), "/service/port"),
                Arguments.of(Map.of("auth.username", "a:b"), "/auth/username"));
    }

    @ParameterizedTest(name = "{0} refused at {1}")
    @MethodSource("refusals")
    void theSchemaRefusesBadValuesNamingTheKey(Map<String, String> values, String key) {
        assertThat(Helm.refusal(Helm.CHART, RELEASE, values)).contains("at '" + key + "'");
    }

    @Test
    void aReleaseNameThatCannotBeAnInstanceIsRefused() {
        assertThat(Helm.refusal(Helm.CHART, "a".repeat(41), Map.of())).contains("release name");
    }

    private static Map<String, Map<String, String>> checksums(Map<String, String> values) {
        Map<String, Map<String, String>> checksums = new TreeMap<>();
        for (JsonNode sts : Helm.template(RELEASE, values)) {
            if (kind(sts).equals("StatefulSet")) {
                Map<String, String> annotations = new TreeMap<>(map(sts.at("/spec/template/metadata/annotations")));
                annotations.keySet().removeIf(key -> !key.startsWith("checksum/"));
                checksums.put(sts.at("/spec/selector/matchLabels").get(Layout.COMPONENT_LABEL).asText(), annotations);
            }
        }
        return checksums;
    }

    private static void assertSecretFiles(Case c, JsonNode pod, JsonNode container, DriftComponent component) {
        if (component.secrets().isEmpty()) {
            assertThat(findMount(container, "secrets")).isEmpty();
            return;
        }
        assertThat(mount(container, "secrets").get("mountPath").asText()).isEqualTo(Layout.SECRETS_DIR);
        Map<String, String> sources = new LinkedHashMap<>();
        volume(pod, "secrets").at("/projected/sources").forEach(source -> {
            JsonNode item = source.at("/secret/items/0");
            sources.put(item.get("path").asText(), source.at("/secret/name").asText() + "/" + item.get("key").asText());
        });
        assertThat(sources.keySet()).containsExactlyElementsOf(component.secrets().stream().map(SecretFile::name).toList());
        if (component.secret(Layout.BASIC_USERS_SECRET).isPresent()) {
            assertThat(sources.get(Layout.BASIC_USERS_SECRET)).isEqualTo(
                    c.values().getOrDefault("auth.existingSecret", Layout.container(RELEASE, "basic-users")) + "/basic_users");
        }
        if (component.secret(Layout.POSTGRES_URL_SECRET).isPresent()) {
            assertThat(sources.get(Layout.POSTGRES_URL_SECRET)).isEqualTo(c.externalPostgres()
                    ? "my-pg/" + c.values().getOrDefault("postgresql.external.urlSecret.key", "postgres_url")
                    : Layout.container(RELEASE, "postgres") + "/postgres_url");
        }
    }

    private static void assertProbe(JsonNode probe, Probe model, int failureThreshold) {
        assertThat(probe.get("periodSeconds").asLong()).isEqualTo(Probe.PERIOD.toSeconds());
        assertThat(probe.get("timeoutSeconds").asLong()).isEqualTo(Probe.TIMEOUT.toSeconds());
        assertThat(probe.get("failureThreshold").asInt()).isEqualTo(failureThreshold);
        if (model.httpPath().isPresent()) {
            assertThat(probe.at("/httpGet/path").asText()).isEqualTo(model.httpPath().get());
            assertThat(probe.at("/httpGet/port").asInt()).isEqualTo(model.port());
        } else {
            assertThat(texts(probe.at("/exec/command"))).isEqualTo(model.command());
        }
    }

    private static String expectedDriftImage(Case c) {
        String digest = c.values().get("image.digest");
        return digest != null ? DefaultImages.DRIFT_REPOSITORY + "@" + digest : DefaultImages.drift(VERSION);
    }

    private static String withoutComments(String toml) {
        return toml.lines().filter(line -> !line.startsWith("#")).reduce("", (a, b) -> a + b + "\n").strip();
    }

    static Optional<JsonNode> podSpec(JsonNode object) {
        return switch (kind(object)) {
            case "StatefulSet" -> Optional.of(object.at("/spec/template/spec"));
            case "Pod" -> Optional.of(object.get("spec"));
            default -> Optional.empty();
        };
    }

    static String kind(JsonNode object) {
        return object.path("kind").asText();
    }

    static List<String> names(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind(o).equals(kind)).map(o -> o.at("/metadata/name").asText()).toList();
    }

    static JsonNode find(List<JsonNode> objects, String kind, String name) {
        return objects.stream().filter(o -> kind(o).equals(kind) && o.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"));
    }

    private static JsonNode configMap(List<JsonNode> objects) {
        return find(objects, "ConfigMap", Layout.container(RELEASE, "config")).get("data");
    }

    static Map<String, String> secretData(JsonNode secret) {
        Map<String, String> data = new TreeMap<>();
        secret.path("data").properties().forEach(entry -> data.put(entry.getKey(),
                new String(Base64.getDecoder().decode(entry.getValue().asText()), StandardCharsets.UTF_8)));
        return data;
    }

    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new TreeMap<>();
        container.path("env").forEach(variable -> env.put(variable.get("name").asText(), variable.get("value").asText()));
        return env;
    }

    private static JsonNode mount(JsonNode container, String volume) {
        return findMount(container, volume).orElseThrow(() -> new AssertionError("no mount of volume " + volume));
    }

    private static Optional<JsonNode> findMount(JsonNode container, String volume) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.get("name").asText().equals(volume)) {
                return Optional.of(mount);
            }
        }
        return Optional.empty();
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.get("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    static Map<String, String> map(JsonNode node) {
        Map<String, String> map = new TreeMap<>();
        node.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        return map;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> texts.add(item.asText()));
        }
        return texts;
    }
}
