package dev.drift.ops.operator.model;

import dev.drift.ops.config.BasicUser;
import dev.drift.ops.config.ConfigException;
import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.config.Secret;
import dev.drift.ops.deploy.BlobStorage;
import dev.drift.ops.deploy.DefaultImages;
import dev.drift.ops.deploy.DriftInstance;
import dev.drift.ops.deploy.DriftToml;
import dev.drift.ops.deploy.InstanceRequest;
import dev.drift.ops.deploy.Layout;
import dev.drift.ops.deploy.Login;
import dev.drift.ops.operator.crd.Backend;
import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.crd.DriftRegistrySpec;
import dev.drift.ops.operator.crd.S3Credentials;
import dev.drift.ops.operator.crd.SecretKeyRef;
import dev.drift.ops.operator.crd.StorageBackend;
import dev.drift.ops.operator.crd.StorageSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns a DriftRegistry and the Secrets found beside it into {@link InstanceInputs}, or refuses it
 * with the {@link Problem} to fix. Values the operator generated before (the login, the PostgreSQL
 * password, the bcrypt entry while it still matches) are kept, so rendering twice gives the same.
 */
public final class InputResolver {

    private final String defaultDriftImage;

    /** @param defaultDriftImage the Drift image of a resource that names none (the operator's own version) */
    public InputResolver(String defaultDriftImage) {
        this.defaultDriftImage = defaultDriftImage;
    }

    public InstanceInputs resolve(DriftRegistry resource, SecretsSeen seen) throws Refusal {
        String name = resource.getMetadata().getName();
        DriftRegistrySpec spec = resource.getSpec();
        if (spec == null || spec.backend() == null) {
            throw new Refusal(Problem.invalidSpec("spec.backend is required (sqlite, postgres or zqlite)"));
        }
        refuseWhatCannotWork(spec);
        Login login = login(name, spec, seen);
        Map<String, SecretFileSource> files = new HashMap<>();
        String entry = login.bcryptEntry(existingEntries(name, seen));
        files.put(Layout.BASIC_USERS_SECRET, new SecretFileSource(ObjectNames.basicUsers(name), Layout.BASIC_USERS_SECRET,
                Secret.of(entry)));

        DriftInstance instance = DriftInstance.of(request(name, spec));
        s3Keys(spec.storage(), seen, files);
        Optional<Secret> postgresPassword = Optional.empty();
        if (spec.backend() == Backend.POSTGRES && spec.postgres().runsOwnServer()) {
            String credentials = ObjectNames.postgresCredentials(name);
            Secret password = seen.find(credentials, Layout.POSTGRES_PASSWORD_SECRET).orElseGet(Login::randomSecret);
            postgresPassword = Optional.of(password);
            files.put(Layout.POSTGRES_PASSWORD_SECRET, new SecretFileSource(credentials, Layout.POSTGRES_PASSWORD_SECRET,
                    password));
            files.put(Layout.POSTGRES_URL_SECRET, new SecretFileSource(credentials, Layout.POSTGRES_URL_SECRET,
                    instance.managedPostgresUrl(password)));
        } else if (spec.backend() == Backend.POSTGRES) {
            SecretKeyRef ref = spec.postgres().external().urlSecret();
            Secret url = seen.require(ref.name(), ref.key());
            requirePostgresUrl(ref, url);
            // Mounted from the user's own Secret: the operator never copies it anywhere.
            files.put(Layout.POSTGRES_URL_SECRET, new SecretFileSource(ref.name(), ref.key(), url));
        }
        return new InstanceInputs(instance, login, spec.auth().givenSecret().isEmpty(), entry, postgresPassword, files);
    }

    /** What the schema cannot refuse, or a resource stored before the schema refused it. */
    private static void refuseWhatCannotWork(DriftRegistrySpec spec) throws Refusal {
        // How many replicas can run is the deployment model's rule (InstanceRequest), refused in request().
        if (spec.backend() == Backend.ZQLITE && (spec.zqlite() == null || spec.zqlite().image() == null)) {
            throw new Refusal(Problem.invalidSpec("backend zqlite requires zqlite.image (a drift-zqlite image)"));
        }
        if (spec.backend() != Backend.ZQLITE && spec.zqlite() != null) {
            throw new Refusal(Problem.invalidSpec("zqlite settings need backend zqlite"));
        }
        if (spec.zqlite() != null && spec.zqlite().encryption().isPresent()) {
            // The deployment model has no ZQLite key file yet; refusing beats running unencrypted.
            throw new Refusal(Problem.invalidSpec("zqlite.encryptionSecret is not supported yet: this operator "
                    + "cannot hand ZQLite an encryption key; remove it to run without encryption"));
        }
        if (spec.postgres() != null && spec.postgres().managed() != null && spec.postgres().external() != null) {
            throw new Refusal(Problem.invalidSpec("postgres.managed and postgres.external are exclusive; set one"));
        }
        StorageSpec storage = spec.storage();
        if (storage.backend() == StorageBackend.S3 && storage.s3() == null) {
            throw new Refusal(Problem.invalidSpec("storage backend s3 requires storage.s3"));
        }
        if (storage.backend() != StorageBackend.S3 && storage.s3() != null) {
            throw new Refusal(Problem.invalidSpec("storage.s3 settings need storage backend s3"));
        }
    }

    private static Login login(String name, DriftRegistrySpec spec, SecretsSeen seen) throws Refusal {
        Optional<String> given = spec.auth().givenSecret();
        if (given.isPresent()) {
            Secret user = seen.require(given.get(), ObjectNames.USERNAME_KEY);
            Secret password = seen.require(given.get(), ObjectNames.PASSWORD_KEY);
            try {
                return new Login(user.reveal(), password);
            } catch (IllegalArgumentException e) {
                throw new Refusal(Problem.secretInvalid(given.get(), ObjectNames.USERNAME_KEY, "a user name has no ':'"));
            }
        }
        String generated = ObjectNames.generatedLogin(name);
        Optional<Secret> user = seen.find(generated, ObjectNames.USERNAME_KEY);
        Optional<Secret> password = seen.find(generated, ObjectNames.PASSWORD_KEY);
        if (user.isPresent() && password.isPresent() && !user.get().reveal().contains(":")) {
            return new Login(user.get().reveal(), password.get());
        }
        return Login.generate();
    }

    private static List<BasicUser> existingEntries(String name, SecretsSeen seen) {
        return seen.find(ObjectNames.basicUsers(name), Layout.BASIC_USERS_SECRET).stream()
                .flatMap(value -> {
                    try {
                        return Stream.of(BasicUser.parse(value.reveal()));
                    } catch (IllegalArgumentException e) {
                        return Stream.empty();
                    }
                })
                .toList();
    }

    private InstanceRequest request(String name, DriftRegistrySpec spec) throws Refusal {
        Optional<String> backendImage = switch (spec.backend()) {
            case SQLITE -> Optional.empty();
            case POSTGRES -> spec.postgres().runsOwnServer()
                    ? Optional.of(Optional.ofNullable(spec.postgres().managed().image()).orElse(DefaultImages.POSTGRES))
                    : Optional.empty();
            case ZQLITE -> Optional.of(spec.zqlite().image());
        };
        try {
            return new InstanceRequest(name, spec.backend().database(), spec.imageOverride().orElse(defaultDriftImage),
                    backendImage, Optional.empty(), InstanceRequest.Hosts.OBJECT_NAMES, true, "", storage(spec.storage()),
                    spec.replicas());
        } catch (IllegalArgumentException e) {
            throw new Refusal(Problem.invalidSpec(e.getMessage()));
        }
    }

    private static BlobStorage storage(StorageSpec storage) {
        return storage.backend() == StorageBackend.S3 ? new BlobStorage.InBucket(storage.s3().bucketSettings())
                : BlobStorage.VOLUME;
    }

    /** The bucket's keys, mounted from the user's own Secret: the operator never copies them anywhere. */
    private static void s3Keys(StorageSpec storage, SecretsSeen seen, Map<String, SecretFileSource> files)
            throws Refusal {
        if (storage.backend() != StorageBackend.S3) {
            return;
        }
        S3Credentials credentials = storage.s3().credentialsSecret();
        if (credentials == null || credentials.name() == null) {
            throw new Refusal(Problem.invalidSpec("storage.s3.credentialsSecret.name is required"));
        }
        files.put(Layout.S3_ACCESS_KEY_SECRET, new SecretFileSource(credentials.name(), credentials.accessKeyKey(),
                seen.require(credentials.name(), credentials.accessKeyKey())));
        files.put(Layout.S3_SECRET_KEY_SECRET, new SecretFileSource(credentials.name(), credentials.secretKeyKey(),
                seen.require(credentials.name(), credentials.secretKeyKey())));
    }

    /** The URL is checked as Drift will load it, so a bad one is named here rather than in a crash-looping pod. */
    private static void requirePostgresUrl(SecretKeyRef ref, Secret url) throws Refusal {
        String text = DriftToml.forContainer(DatabaseBackend.POSTGRES, false, Optional.empty(), Optional.empty());
        try {
            DriftConfig.parse(text, Layout.CONFIG_PATH, Map.of("DRIFT_DATABASE_POSTGRES_URL", url.reveal()));
        } catch (ConfigException e) {
            // The config's messages show a URL only with its password masked.
            throw new Refusal(Problem.secretInvalid(ref.name(), ref.key(), e.getMessage()));
        }
    }
}
