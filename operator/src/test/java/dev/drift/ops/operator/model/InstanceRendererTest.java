package dev.drift.ops.operator.model;

import static dev.drift.ops.operator.model.Resources.NAMESPACE;
import static dev.drift.ops.operator.model.Resources.object;
import static dev.drift.ops.operator.model.Resources.render;
import static dev.drift.ops.operator.model.Resources.secretsOf;
import static dev.drift.ops.operator.model.Resources.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.deploy.DriftComponent;
import dev.drift.ops.deploy.DriftInstance;
import dev.drift.ops.deploy.InstanceRequest;
import dev.drift.ops.deploy.Probe;
import dev.drift.ops.operator.crd.AuthSpec;
import dev.drift.ops.operator.crd.Backend;
import dev.drift.ops.operator.crd.DriftRegistrySpec;
import dev.drift.ops.operator.crd.ExternalPostgres;
import dev.drift.ops.operator.crd.ManagedPostgres;
import dev.drift.ops.operator.crd.PostgresSpec;
import dev.drift.ops.operator.crd.PullPolicy;
import dev.drift.ops.operator.crd.Reclaim;
import dev.drift.ops.operator.crd.S3Credentials;
import dev.drift.ops.operator.crd.S3Spec;
import dev.drift.ops.operator.crd.SecretKeyRef;
import dev.drift.ops.operator.crd.ServiceSpec;
import dev.drift.ops.operator.crd.ServiceType;
import dev.drift.ops.operator.crd.StorageSpec;
import dev.drift.ops.operator.crd.ZqliteSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceRendererTest {

    private static final String DB_SECRET = "drift-db";
    private static final String EXTERNAL_URL = "postgres://drift:s3cret-Pa55@db.example:5432/drift";
    private static final String USER_PASSWORD = "correct-horse-battery";

    private static DriftRegistrySpec spec(Backend backend) {
        return DriftRegistrySpec.of(backend);
    }

    private static DriftRegistrySpec external(String secret) {
        return new DriftRegistrySpec(Backend.POSTGRES, null, null, null, null,
                new PostgresSpec(null, new ExternalPostgres(new SecretKeyRef(secret, null))), null, null, null);
    }

    private static SecretsSeen withUrl(String url) {
        return SecretsSeen.none().with(DB_SECRET, Map.of("url", url));
    }

    @Test
    void sqliteIsTheModelsRegistryAsAStatefulSetAndServiceWithItsLoginConfigAndSecrets() throws Refusal {
        RenderedInstance rendered = render(spec(Backend.SQLITE), SecretsSeen.none());

        assertThat(rendered.objects()).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
                "Secret/drift-dev-auth", "Secret/drift-dev-basic-users", "ConfigMap/drift-dev-config",
                "StatefulSet/drift-dev-registry", "Service/drift-dev-registry");
        assertThat(rendered.objects()).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(NAMESPACE));
        assertThat(rendered.endpoint()).isEqualTo("http://drift-dev-registry.apps.svc:5000");
        assertThat(rendered.backend()).isEmpty();
    }

    @Test
    void namesPortsPathsProbesAndCommandAreTheDeploymentModels() throws Refusal {
        RenderedInstance rendered = render(spec(Backend.SQLITE), SecretsSeen.none());
        DriftComponent model = DriftInstance.of(new InstanceRequest("dev", DatabaseBackend.SQLITE, Resources.DRIFT_IMAGE,
                Optional.empty(), Optional.empty(), InstanceRequest.Hosts.OBJECT_NAMES, true)).registry();

        StatefulSet registry = object(rendered, StatefulSet.class, model.objectName());
        Container container = registry.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo(model.image());
        assertThat(container.getArgs()).isEqualTo(model.args());
        assertThat(container.getCommand()).isEqualTo(model.entrypoint());
        assertThat(container.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(model.port()));
        assertThat(container.getEnv()).extracting(e -> Map.entry(e.getName(), e.getValue()))
                .containsExactlyElementsOf(model.env().entrySet());
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo(model.liveness().httpPath().orElseThrow());
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo(model.liveness().httpPath().orElseThrow());
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo(model.readiness().httpPath().orElseThrow());
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(model.readiness().port());
        assertThat(container.getReadinessProbe().getPeriodSeconds()).isEqualTo((int) Probe.PERIOD.toSeconds());
        assertThat(container.getStartupProbe().getFailureThreshold()).isEqualTo(Probe.startupFailureThreshold());
        assertThat(mount(container, "data").getMountPath()).isEqualTo(model.dataPath());
        assertThat(mount(container, "config").getMountPath()).isEqualTo("/etc/drift");
        assertThat(mount(container, "secrets").getMountPath()).isEqualTo("/run/secrets");

        ConfigMap config = object(rendered, ConfigMap.class, "drift-dev-config");
        assertThat(config.getData()).containsExactly(Map.entry("drift.toml", model.config().orElseThrow().text()));
        Service service = object(rendered, Service.class, model.objectName());
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(5000);
            assertThat(port.getTargetPort().getIntVal()).isEqualTo(model.port());
        });
        assertThat(service.getSpec().getSelector()).isEqualTo(registry.getSpec().getSelector().getMatchLabels());
        assertThat(registry.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(registry.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void theDriftPodRunsAsItsUserWithoutRootPrivilegesOrAWritableRoot() throws Refusal {
        StatefulSet registry = object(render(spec(Backend.SQLITE), SecretsSeen.none()), StatefulSet.class, "drift-dev-registry");
        PodSpec pod = registry.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().getFirst();

        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(mount(container, "tmp").getMountPath()).isEqualTo("/tmp");
        assertThat(volume(pod, "tmp").getEmptyDir()).isNotNull();
    }

    @Test
    void specSettingsReachTheObjects() throws Refusal {
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.SQLITE, "example/drift:9", PullPolicy.NEVER, 0,
                new StorageSpec("5Gi", "fast", Reclaim.DELETE), null, null, null,
                new ServiceSpec(ServiceType.NODE_PORT, 8080, 30500));
        RenderedInstance rendered = render(spec, SecretsSeen.none());

        StatefulSet registry = object(rendered, StatefulSet.class, "drift-dev-registry");
        Container container = registry.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("example/drift:9");
        assertThat(container.getImagePullPolicy()).isEqualTo("Never");
        assertThat(registry.getSpec().getReplicas()).isZero();
        var claim = registry.getSpec().getVolumeClaimTemplates().getFirst();
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("5Gi");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
        assertThat(registry.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Delete");
        Service service = object(rendered, Service.class, "drift-dev-registry");
        assertThat(service.getSpec().getType()).isEqualTo("NodePort");
        assertThat(service.getSpec().getPorts().getFirst().getPort()).isEqualTo(8080);
        assertThat(service.getSpec().getPorts().getFirst().getNodePort()).isEqualTo(30500);
        assertThat(rendered.endpoint()).isEqualTo("http://drift-dev-registry.apps.svc:8080");

        StatefulSet byDefault = object(render(spec(Backend.SQLITE), SecretsSeen.none()), StatefulSet.class, "drift-dev-registry");
        assertThat(byDefault.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
        assertThat(byDefault.getSpec().getVolumeClaimTemplates().getFirst().getSpec().getStorageClassName()).isNull();
        assertThat(byDefault.getSpec().getTemplate().getSpec().getContainers().getFirst().getImagePullPolicy())
                .isEqualTo("IfNotPresent");
    }

    @Test
    void managedPostgresRunsBesideDriftWhichReadsTheUrlAsAFile() throws Refusal {
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.POSTGRES, null, null, null, null,
                new PostgresSpec(new ManagedPostgres("drift-local/postgres:latest", "2Gi"), null), null, null, null);
        RenderedInstance rendered = render(spec, SecretsSeen.none());

        StatefulSet postgres = object(rendered, StatefulSet.class, "drift-dev-postgres");
        Container container = postgres.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("drift-local/postgres:latest");
        assertThat(container.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).containsExactly(
                "PGDATA=/var/lib/postgresql/data", "POSTGRES_DB=drift", "POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password",
                "POSTGRES_USER=drift");
        assertThat(container.getReadinessProbe().getExec().getCommand()).startsWith("pg_isready");
        assertThat(mount(container, "data").getSubPath()).as("initdb wants an empty directory").isEqualTo("pgdata");
        assertThat(postgres.getSpec().getVolumeClaimTemplates().getFirst().getSpec().getResources().getRequests()
                .get("storage").toString()).isEqualTo("2Gi");
        assertThat(object(rendered, Service.class, "drift-dev-postgres").getSpec().getPorts().getFirst().getPort())
                .isEqualTo(5432);

        Secret credentials = object(rendered, Secret.class, "drift-dev-postgres");
        String password = decode(credentials, "postgres_password");
        assertThat(decode(credentials, "postgres_url"))
                .isEqualTo("postgres://drift:" + password + "@drift-dev-postgres:5432/drift");
        assertThat(projected(object(rendered, StatefulSet.class, "drift-dev-registry")))
                .contains("drift-dev-postgres:postgres_url->postgres_url", "drift-dev-basic-users:basic_users->basic_users");
        assertThat(projected(postgres)).containsExactly("drift-dev-postgres:postgres_password->postgres_password");
        assertThat(rendered.objects()).extracting(HasMetadata::getKind).containsSubsequence("Secret", "StatefulSet");
        assertThat(rendered.objects().indexOf(postgres))
                .isLessThan(rendered.objects().indexOf(object(rendered, StatefulSet.class, "drift-dev-registry")));
    }

    @Test
    void externalPostgresIsMountedFromTheUsersSecretAndCopiedNowhere() throws Refusal {
        RenderedInstance rendered = render(external(DB_SECRET), withUrl(EXTERNAL_URL));

        assertThat(rendered.objects()).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .doesNotContain("StatefulSet/drift-dev-postgres", "Secret/drift-dev-postgres");
        assertThat(projected(object(rendered, StatefulSet.class, "drift-dev-registry")))
                .contains("drift-db:url->postgres_url");
        assertThat(rendered.objects()).allSatisfy(object -> assertThat(yaml(object)).doesNotContain(EXTERNAL_URL)
                .doesNotContain(base64(EXTERNAL_URL)));
    }

    @Test
    void zqliteRunsTheContractsServerCommandFromTheGivenImage() throws Refusal {
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.ZQLITE, null, null, null, null, null,
                new ZqliteSpec("drift-zqlite:1.7.1", null), null, null);
        RenderedInstance rendered = render(spec, SecretsSeen.none());

        Container zqlite = object(rendered, StatefulSet.class, "drift-dev-zqlite").getSpec().getTemplate().getSpec()
                .getContainers().getFirst();
        assertThat(zqlite.getImage()).isEqualTo("drift-zqlite:1.7.1");
        assertThat(zqlite.getCommand()).containsExactly("zqlite");
        assertThat(zqlite.getArgs()).containsExactly("server", "--port", "5433", "--data-dir", "/var/lib/zqlite");
        assertThat(object(rendered, ConfigMap.class, "drift-dev-config").getData().get("drift.toml"))
                .contains("zqlite://drift-dev-zqlite:5433/drift");
    }

    @Test
    void noSecretValueIsOutsideASecret() throws Exception {
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.POSTGRES, null, null, null, null, null, null, null, null);
        RenderedInstance rendered = render(spec, SecretsSeen.none());
        List<String> secretValues = new ArrayList<>();
        rendered.objects().stream().filter(Secret.class::isInstance).map(Secret.class::cast)
                .forEach(secret -> secret.getData().keySet().stream().filter(key -> !key.equals("username"))
                        .forEach(key -> secretValues.add(decode(secret, key))));
        String password = decode(object(rendered, Secret.class, "drift-dev-auth"), "password");
        String bcrypt = decode(object(rendered, Secret.class, "drift-dev-basic-users"), "basic_users").split(":", 2)[1];
        secretValues.add(bcrypt);

        assertThat(secretValues).hasSize(5).contains(password);
        for (HasMetadata object : rendered.objects()) {
            if (object instanceof Secret) {
                continue;
            }
            String text = yaml(object);
            assertThat(secretValues).allSatisfy(value -> assertThat(text).as("%s %s", object.getKind(),
                    object.getMetadata().getName()).doesNotContain(value).doesNotContain(base64(value)));
        }
        DriftConfig.parse(object(rendered, ConfigMap.class, "drift-dev-config").getData().get("drift.toml"), "drift.toml",
                Map.of("DRIFT_DATABASE_POSTGRES_URL", decode(object(rendered, Secret.class, "drift-dev-postgres"),
                        "postgres_url"), "DRIFT_AUTH_BASIC_USERS", decode(object(rendered, Secret.class,
                        "drift-dev-basic-users"), "basic_users")));
    }

    @Test
    void renderingAgainWithWhatWasAppliedGivesTheSameObjects() throws Refusal {
        for (DriftRegistrySpec spec : List.of(spec(Backend.SQLITE), spec(Backend.POSTGRES), external(DB_SECRET))) {
            RenderedInstance first = render(spec, withUrl(EXTERNAL_URL));
            RenderedInstance second = render(spec, secretsOf(first, withUrl(EXTERNAL_URL)));

            assertThat(second.objects()).extracting(Resources::yaml)
                    .containsExactlyElementsOf(first.objects().stream().map(Resources::yaml).toList());
        }
    }

    @Test
    void podsRollExactlyWhenTheConfigOrTheContentOfASecretTheyReadChanges() throws Refusal {
        DriftRegistrySpec given = new DriftRegistrySpec(Backend.POSTGRES, null, null, null, null,
                new PostgresSpec(null, new ExternalPostgres(new SecretKeyRef(DB_SECRET, null))), null,
                new AuthSpec("login"), null);
        SecretsSeen seen = withUrl(EXTERNAL_URL).with("login", Map.of("username", "ci", "password", USER_PASSWORD));
        RenderedInstance first = render(given, seen);
        String hash = registryHash(first);
        SecretsSeen applied = secretsOf(first, seen);

        assertThat(registryHash(render(given, applied))).as("nothing changed").isEqualTo(hash);
        DriftRegistrySpec otherPort = new DriftRegistrySpec(given.backend(), "drift:other", PullPolicy.NEVER, null, null,
                given.postgres(), null, given.auth(), new ServiceSpec(null, 8080, null));
        assertThat(registryHash(render(otherPort, applied))).as("not something the pod reads").isEqualTo(hash);
        assertThat(registryHash(render(given, applied.with("login", Map.of("username", "ci", "password", "new-one")))))
                .as("the login's password").isNotEqualTo(hash);
        assertThat(registryHash(render(given, applied.with(DB_SECRET, Map.of("url", EXTERNAL_URL + "?sslmode=require")))))
                .as("the database URL").isNotEqualTo(hash);
        assertThat(registryHash(render(given, applied.with("unrelated", Map.of("k", "v"))))).isEqualTo(hash);
        DriftRegistrySpec sqlite = spec(Backend.SQLITE);
        assertThat(registryHash(render(sqlite, applied))).as("another drift.toml").isNotEqualTo(hash);
    }

    @Test
    void everythingIsOwnedByTheResourceExceptTheRetainedDatabasePassword() throws Refusal {
        RenderedInstance retained = render(spec(Backend.POSTGRES), SecretsSeen.none());
        for (HasMetadata object : retained.objects()) {
            boolean keptWithTheClaim = object instanceof Secret && object.getMetadata().getName().equals("drift-dev-postgres");
            assertThat(object.getMetadata().getOwnerReferences()).as("%s %s", object.getKind(), object.getMetadata().getName())
                    .hasSize(keptWithTheClaim ? 0 : 1);
            if (!keptWithTheClaim) {
                var owner = object.getMetadata().getOwnerReferences().getFirst();
                assertThat(owner.getKind()).isEqualTo("DriftRegistry");
                assertThat(owner.getApiVersion()).isEqualTo("drift.dev/v1alpha1");
                assertThat(owner.getUid()).isEqualTo(Resources.UID);
                assertThat(owner.getController()).isTrue();
            }
            assertThat(object.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "drift-operator")
                    .containsEntry("dev.drift.ops.instance", "dev");
        }
        DriftRegistrySpec deleting = new DriftRegistrySpec(Backend.POSTGRES, null, null, null,
                new StorageSpec(null, null, Reclaim.DELETE), null, null, null, null);
        assertThat(object(render(deleting, SecretsSeen.none()), Secret.class, "drift-dev-postgres").getMetadata()
                .getOwnerReferences()).hasSize(1);
    }

    @Test
    void aGivenLoginIsUsedAndNoneGenerated() throws Refusal {
        DriftRegistrySpec spec = new DriftRegistrySpec(Backend.SQLITE, null, null, null, null, null, null,
                new AuthSpec("login"), null);
        RenderedInstance rendered = render(spec, SecretsSeen.none().with("login", Map.of("username", "ci", "password",
                USER_PASSWORD)));

        assertThat(rendered.objects()).extracting(o -> o.getMetadata().getName()).doesNotContain("drift-dev-auth", "login");
        String entry = decode(object(rendered, Secret.class, "drift-dev-basic-users"), "basic_users");
        assertThat(entry).startsWith("ci:$2");
        assertThat(at.favre.lib.crypto.bcrypt.BCrypt.verifyer().verify(USER_PASSWORD.toCharArray(),
                entry.substring(3).toCharArray()).verified).isTrue();
    }

    private static final String ACCESS_KEY = "AKIA-test-access";
    private static final String SECRET_KEY = "test-secret-key-value";
    private static final SecretsSeen S3_KEYS = SecretsSeen.none().with("blob-keys",
            Map.of("accessKey", ACCESS_KEY, "secretKey", SECRET_KEY));

    private static DriftRegistrySpec inBucket(Backend backend, int replicas) {
        StorageSpec storage = StorageSpec.inBucket(new S3Spec("http://s3.storage.svc:8333", "eu-west-1", "drift", true,
                "dev/", true, new S3Credentials("blob-keys", null, null)));
        return new DriftRegistrySpec(backend, null, PullPolicy.NEVER, replicas, storage, null, null, null, null);
    }

    @Test
    void aRegistryThatKeepsNothingIsADeploymentOfTheReplicasWithTheSamePodAndAnEmptyDirForData() throws Refusal {
        RenderedInstance rendered = render(inBucket(Backend.POSTGRES, 3), S3_KEYS);

        assertThat(rendered.objects()).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .contains("Deployment/drift-dev-registry", "StatefulSet/drift-dev-postgres")
                .doesNotContain("StatefulSet/drift-dev-registry");
        assertThat(rendered.registryDeployment()).isTrue();
        Deployment deployment = object(rendered, Deployment.class, "drift-dev-registry");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(deployment.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("DriftRegistry"));
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .isEqualTo(object(rendered, Service.class, "drift-dev-registry").getSpec().getSelector());
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().getFirst();
        assertThat(mount(container, "data").getMountPath()).isEqualTo("/var/lib/drift");
        assertThat(volume(pod, "data").getEmptyDir()).isNotNull();
        assertThat(volume(pod, "data").getPersistentVolumeClaim()).isNull();
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(container.getStartupProbe().getFailureThreshold()).isEqualTo(Probe.startupFailureThreshold());
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey(ConfigHash.ANNOTATION);
        assertThat(projected(deployment.getSpec().getTemplate().getSpec())).contains(
                "blob-keys:accessKey->s3_access_key", "blob-keys:secretKey->s3_secret_key",
                "drift-dev-postgres:postgres_url->postgres_url");
        assertThat(container.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).contains(
                "DRIFT_STORAGE_S3_ACCESS_KEY_FILE=/run/secrets/s3_access_key",
                "DRIFT_STORAGE_S3_SECRET_KEY_FILE=/run/secrets/s3_secret_key");
        assertThat(object(rendered, ConfigMap.class, "drift-dev-config").getData().get("drift.toml"))
                .contains("backend = \"s3\"", "endpoint = \"http://s3.storage.svc:8333\"", "region = \"eu-west-1\"",
                        "prefix = \"dev/\"", "redirect = true");
    }

    /** The pod is one template, whichever workload runs it: only what backs the data path differs. */
    @Test
    void theDeploymentsPodIsTheStatefulSetsButForItsDataVolume() throws Refusal {
        RenderedInstance rendered = render(inBucket(Backend.POSTGRES, 2), S3_KEYS);
        Deployment deployment = object(rendered, Deployment.class, "drift-dev-registry");
        var asStatefulSet = ComponentStatefulSet.of(Resources.resource(inBucket(Backend.POSTGRES, 2)), rendered.registry(),
                new WorkloadSettings(2, "Never", "1Gi", Optional.empty(), "Retain"),
                Map.of("basic_users", source("drift-dev-basic-users", "basic_users"),
                        "postgres_url", source("drift-dev-postgres", "postgres_url"),
                        "s3_access_key", source("blob-keys", "accessKey"),
                        "s3_secret_key", source("blob-keys", "secretKey")),
                Optional.of("drift-dev-config"), deployment.getSpec().getTemplate().getMetadata().getAnnotations()
                        .get(ConfigHash.ANNOTATION)).getSpec().getTemplate();
        var template = deployment.getSpec().getTemplate();
        assertThat(template.getMetadata()).isEqualTo(asStatefulSet.getMetadata());
        assertThat(template.getSpec().getContainers()).isEqualTo(asStatefulSet.getSpec().getContainers());
        assertThat(template.getSpec().getVolumes()).filteredOn(v -> !v.getName().equals("data"))
                .isEqualTo(asStatefulSet.getSpec().getVolumes());
        assertThat(template.getSpec().getSecurityContext()).isEqualTo(asStatefulSet.getSpec().getSecurityContext());
    }

    @Test
    void blobsInABucketWithSqliteStayAStatefulSetWhoseClaimHoldsTheDatabase() throws Refusal {
        RenderedInstance rendered = render(inBucket(Backend.SQLITE, 1), S3_KEYS);

        assertThat(rendered.objects()).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .contains("StatefulSet/drift-dev-registry").noneMatch(name -> name.startsWith("Deployment/"));
        assertThat(rendered.registryDeployment()).isFalse();
        StatefulSet registry = object(rendered, StatefulSet.class, "drift-dev-registry");
        assertThat(registry.getSpec().getVolumeClaimTemplates()).singleElement()
                .satisfies(claim -> assertThat(claim.getMetadata().getName()).isEqualTo("data"));
        assertThat(projected(registry.getSpec().getTemplate().getSpec()))
                .contains("blob-keys:accessKey->s3_access_key", "blob-keys:secretKey->s3_secret_key");
        assertThat(object(rendered, ConfigMap.class, "drift-dev-config").getData().get("drift.toml"))
                .contains("backend = \"s3\"").contains("backend = \"sqlite\"");
    }

    /** The keys are only referenced: no object the operator writes holds them, not even a Secret of its own. */
    @Test
    void theBucketsKeysAppearInNoRenderedObject() throws Refusal {
        for (DriftRegistrySpec spec : List.of(inBucket(Backend.POSTGRES, 3), inBucket(Backend.SQLITE, 1))) {
            RenderedInstance rendered = render(spec, S3_KEYS);
            assertThat(rendered.objects()).allSatisfy(object -> assertThat(yaml(object))
                    .as("%s %s", object.getKind(), object.getMetadata().getName())
                    .doesNotContain(ACCESS_KEY).doesNotContain(base64(ACCESS_KEY))
                    .doesNotContain(SECRET_KEY).doesNotContain(base64(SECRET_KEY)));
        }
    }

    @Test
    void newS3KeysRollThePods() throws Refusal {
        RenderedInstance first = render(inBucket(Backend.POSTGRES, 2), S3_KEYS);
        SecretsSeen applied = secretsOf(first, S3_KEYS);
        String hash = deploymentHash(render(inBucket(Backend.POSTGRES, 2), applied));

        assertThat(deploymentHash(first)).isEqualTo(hash);
        assertThat(deploymentHash(render(inBucket(Backend.POSTGRES, 2), applied.with("blob-keys",
                Map.of("accessKey", ACCESS_KEY, "secretKey", "rotated"))))).isNotEqualTo(hash);
    }

    private static String deploymentHash(RenderedInstance rendered) {
        return object(rendered, Deployment.class, "drift-dev-registry").getSpec().getTemplate().getMetadata()
                .getAnnotations().get(ConfigHash.ANNOTATION);
    }

    private static SecretFileSource source(String secret, String key) {
        return new SecretFileSource(secret, key, dev.drift.ops.config.Secret.of("unused"));
    }

    private static String registryHash(RenderedInstance rendered) {
        return object(rendered, StatefulSet.class, "drift-dev-registry").getSpec().getTemplate().getMetadata()
                .getAnnotations().get(ConfigHash.ANNOTATION);
    }

    private static VolumeMount mount(Container container, String volume) {
        return container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).findFirst().orElseThrow();
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    /** The projected secret files of a pod, as {@code secret:key->file}. */
    private static List<String> projected(StatefulSet statefulSet) {
        return projected(statefulSet.getSpec().getTemplate().getSpec());
    }

    private static List<String> projected(PodSpec pod) {
        return volume(pod, "secrets").getProjected().getSources().stream()
                .flatMap(source -> source.getSecret().getItems().stream()
                        .map(item -> source.getSecret().getName() + ":" + item.getKey() + "->" + item.getPath()))
                .toList();
    }

    private static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
