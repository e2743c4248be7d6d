package dev.drift.ops.deploy;

import java.util.List;

/**
 * Names, ports and paths a deployed Drift is made of, whatever the target: the docker target, the
 * compose file, the operator and the charts all take them from here (through {@link DriftInstance}),
 * so {@code drift-ops up --target docker}, {@code docker compose up} and a {@code DriftRegistry}
 * deploy the same thing.
 */
public final class Layout {

    /** Service (compose) and component (drift-ops) names; containers are {@code <instance>-<component>}. */
    public static final String REGISTRY = "registry";
    public static final String POSTGRES = "postgres";
    public static final String ZQLITE = "zqlite";
    /** The S3 server an instance with {@link BlobStorage.OwnSeaweedFs} runs for its blobs. */
    public static final String SEAWEEDFS = "seaweedfs";

    /** Ports inside the containers. */
    public static final int REGISTRY_PORT = 5000;
    public static final int POSTGRES_PORT = 5432;
    public static final int ZQLITE_PORT = 5433;
    /** SeaweedFS's S3 API; its master (9333), volume and filer ports stay inside its container. */
    public static final int SEAWEEDFS_S3_PORT = 8333;

    /** Drift's config, mounted read-only; its data volume (blobs and the SQLite file). */
    public static final String CONFIG_PATH = "/etc/drift/drift.toml";
    public static final String REGISTRY_DATA = "/var/lib/drift";
    public static final String POSTGRES_DATA = "/var/lib/postgresql/data";
    public static final String ZQLITE_DATA = "/var/lib/zqlite";
    public static final String SEAWEEDFS_DATA = "/var/lib/seaweedfs";

    /** Secrets are files under here, readable by the container's user alone; never environment values. */
    public static final String SECRETS_DIR = "/run/secrets";
    /** Drift reads its PostgreSQL URL (which carries the password) from this file. */
    public static final String POSTGRES_URL_SECRET = "postgres_url";
    /** The PostgreSQL container reads its password from this file (POSTGRES_PASSWORD_FILE). */
    public static final String POSTGRES_PASSWORD_SECRET = "postgres_password";
    /** Drift reads its {@code [auth.basic] users} entries (name:bcrypt) from this file. */
    public static final String BASIC_USERS_SECRET = "basic_users";
    /**
     * An external PostgreSQL's TLS files, when the user gives them (a CA, a client certificate and key): the URL names
     * them ({@code sslrootcert}, {@code sslcert}, {@code sslkey}). Beside, not under, {@link #SECRETS_DIR}, whose
     * read-only volume cannot hold another volume's mount point.
     */
    public static final String POSTGRES_TLS_DIR = "/run/postgres-tls";
    public static final String POSTGRES_TLS_CA = "ca.crt";
    public static final String POSTGRES_TLS_CERT = "client.crt";
    public static final String POSTGRES_TLS_KEY = "client.key";
    /** Drift's S3 keys ({@code DRIFT_STORAGE_S3_ACCESS_KEY_FILE}, {@code ..._SECRET_KEY_FILE}). */
    public static final String S3_ACCESS_KEY_SECRET = "s3_access_key";
    public static final String S3_SECRET_KEY_SECRET = "s3_secret_key";
    /** The identity file of the instance's own SeaweedFS ({@link SeaweedFsIdentities}). */
    public static final String S3_IDENTITIES_SECRET = "s3_identities";
    /** The ZQLite encryption key, when [database.zqlite] enable_encryption is on. */
    public static final String ZQLITE_KEY_SECRET = "zqlite_encryption_key";

    /** Database and login the PostgreSQL container is initialised with. */
    public static final String POSTGRES_DB = "drift";
    public static final String POSTGRES_USER = "drift";

    /** The bucket the instance's own SeaweedFS makes at start and Drift keeps its blobs in, and its region. */
    public static final String SEAWEEDFS_BUCKET = "drift";
    public static final String SEAWEEDFS_REGION = "us-east-1";

    /** uid/gid of the drift user in the Drift image (compose/drift/Dockerfile). */
    public static final int DRIFT_UID = 10001;
    /** uid/gid of the seaweedfs user in the SeaweedFS image (compose/seaweedfs/Dockerfile). */
    public static final int SEAWEEDFS_UID = 10003;

    /** Health endpoints of Drift: alive while the process lives; ready once its backend and blob store answer. */
    public static final String HEALTH_PATH = "/health";
    public static final String READY_PATH = "/readyz";

    /**
     * Labels on everything drift-ops and the operator create (containers, volumes, Kubernetes
     * objects and pods), so status, logs and down find an instance's parts without a state file.
     */
    public static final String LABEL_PREFIX = "dev.drift.ops.";
    public static final String INSTANCE_LABEL = LABEL_PREFIX + "instance";
    public static final String COMPONENT_LABEL = LABEL_PREFIX + "component";
    /** Hash of everything that defines a container; a different hash means recreate it. */
    public static final String CONFIG_HASH_LABEL = LABEL_PREFIX + "config-hash";

    /** The instance name when {@code up --target docker} is given none. */
    public static final String DEFAULT_INSTANCE = "default";
    /** What an instance name may be: it becomes part of container, volume and network names. */
    public static final String INSTANCE_PATTERN = "[a-z0-9][a-z0-9-]{0,39}";

    /**
     * The ZQLite server's command line (the contract in DESIGN.md): the docker target runs it, the
     * contract check tries it. Drift connects to the database named here.
     */
    public static final String ZQLITE_PROGRAM = "zqlite";
    public static final List<String> ZQLITE_SERVER_ARGS = List.of("server", "--port", String.valueOf(ZQLITE_PORT),
            "--data-dir", ZQLITE_DATA);
    public static final String ZQLITE_DATABASE = "drift";

    private Layout() {
    }

    /** {@code drift-<instance>}: the instance's own network (docker), and the prefix of everything else it has. */
    public static String network(String instance) {
        return "drift-" + instance;
    }

    /**
     * The container of registry replica {@code index} (from 0) on the docker target: the first is
     * {@link #container}, so one replica is named as ever; the others add their number, {@code drift-dev-registry-2}.
     */
    public static String replica(String instance, int index) {
        return container(instance, REGISTRY) + (index == 0 ? "" : "-" + (index + 1));
    }

    /** {@code drift-<instance>-<component>}, e.g. {@code drift-dev-registry}: container, StatefulSet and Service. */
    public static String container(String instance, String component) {
        return network(instance) + "-" + component;
    }

    /** The named volume of a component: {@code drift-<instance>-data} for the registry, else {@code -<component>}. */
    public static String volume(String instance, String component) {
        return network(instance) + "-" + (component.equals(REGISTRY) ? "data" : component);
    }
}
