package dev.drift.ops.registry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.drift.ops.testkit.PostgresServer;
import dev.drift.ops.registry.store.BlobUnlink;
import dev.drift.ops.registry.store.LockMode;
import dev.drift.ops.registry.store.ManifestRecord;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.MetadataStoreContract;
import dev.drift.ops.registry.store.NewManifest;
import dev.drift.ops.registry.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The store contract on a real PostgreSQL server, plus what only a shared server has: several processes migrating
 * one database, logins with a password, and sessions that die in the middle of a transaction.
 */
class PostgresMetadataStoreIT extends MetadataStoreContract {

    private static final PostgresServer SERVER = PostgresServer.shared();

    private String url;

    @Override
    protected MetadataStore openStore() {
        url = SERVER.createDatabase();
        return SqlMetadataStore.openPostgres(url);
    }

    @Test
    void processesOpeningOneNewDatabaseAtOnceMigrateItOnce() throws Exception {
        String fresh = SERVER.createDatabase();
        List<SqlMetadataStore> opened = new CopyOnWriteArrayList<>();
        try {
            concurrently(4, 1, (thread, round) -> opened.add(SqlMetadataStore.openPostgres(fresh)));

            opened.getFirst().putManifest("app", manifest("m1"), "v1");
            assertThat(opened.getLast().findManifestByTag("app", "v1")).isPresent();
        } finally {
            opened.forEach(SqlMetadataStore::close);
        }
        try (Connection admin = SERVER.admin(databaseOf(fresh))) {
            assertThat(Jdbc.single(admin, "SELECT COUNT(*) FROM schema_version")).isEqualTo(Migrations.latestVersion());
        }
    }

    /** Two stores with pools of their own, as two Drift processes have: content locks exclude across them. */
    @Test
    void contentLocksHoldAcrossProcessesOnOneDatabase() throws Exception {
        try (MetadataStore second = SqlMetadataStore.openPostgres(url)) {
            assertExcludes(store, LockMode.EXCLUSIVE, second, LockMode.SHARED);
            assertExcludes(second, LockMode.SHARED, store, LockMode.EXCLUSIVE);
            assertExcludes(second, LockMode.EXCLUSIVE, store, LockMode.EXCLUSIVE);
        }
    }

    @Test
    void tagAndCatalogNamesSortByBytesWhateverTheDatabaseLocale() throws Exception {
        try (Connection admin = SERVER.admin(databaseOf(url))) {
            assertThat(Jdbc.first(admin, "SELECT collation_name FROM information_schema.columns"
                    + " WHERE table_name = 'tags' AND column_name = 'name'", row -> row.getString(1))).contains("C");
        }
    }

    /**
     * A page of tags must come off the tags primary key, not from sorting every tag of the repository: the bench saw
     * 0.03x of SQLite's listTags with the sort. Checked for the plan pgjdbc gets at first (custom) and the one it may
     * switch to once it prepares the statement on the server (generic).
     */
    @Test
    void aTagPageReadsThePrimaryKeyInsteadOfSortingEveryTag() throws Exception {
        store.putManifest("app", manifest("m0"), "t0");
        try (Connection admin = SERVER.admin(databaseOf(url)); Statement statement = admin.createStatement()) {
            statement.execute("""
                    INSERT INTO manifests (repository_id, digest, media_type, size_bytes, created_at)
                    SELECT r.id, 'sha256:' || lpad(to_hex(g), 64, '0'), 'application/vnd.oci.image.manifest.v1+json',
                           512, 0
                    FROM repositories r, generate_series(1, 5000) g WHERE r.name = 'app'""");
            statement.execute("""
                    INSERT INTO tags (repository_id, name, manifest_id, updated_at)
                    SELECT repository_id, 't' || id, id, 0 FROM manifests WHERE digest <> '%s'""".formatted(digest("m0")));
            statement.execute("ANALYZE");
            for (String planCacheMode : List.of("force_custom_plan", "force_generic_plan")) {
                statement.execute("SET plan_cache_mode = " + planCacheMode);
                List<String> first = Jdbc.list(admin, "EXPLAIN " + SqlMetadataStore.listTagsQuery(false),
                        row -> row.getString(1), "app", 100);
                List<String> next = Jdbc.list(admin, "EXPLAIN " + SqlMetadataStore.listTagsQuery(true),
                        row -> row.getString(1), "app", "t2", 100);

                for (List<String> plan : List.of(first, next)) {
                    assertThat(String.join("\n", plan)).as(planCacheMode)
                            .contains("tags_pkey")
                            .doesNotContain("Sort");
                }
            }
        }
        assertThat(store.listTags("app", "t2", 3)).containsExactly("t20", "t200", "t2000");
    }

    @Test
    void aWrongPasswordIsAClearErrorThatDoesNotRepeatThePassword() {
        String wrong = url.replace(PostgresServer.PASSWORD, "not-the-password-4242");

        assertThatThrownBy(() -> SqlMetadataStore.openPostgres(wrong))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("postgres")
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("not-the-password-4242");
    }

    @Test
    void aServerThatIsNotThereIsUnavailable() {
        String nowhere = "postgres://drift:pw-that-stays-hidden@127.0.0.1:1/drift";

        assertThatThrownBy(() -> SqlMetadataStore.openPostgres(nowhere))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("pw-that-stays-hidden");
    }

    @Test
    void thePasswordAppearsInNoLogLine() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Logger> chatty = List.of((Logger) LoggerFactory.getLogger("com.zaxxer.hikari"),
                (Logger) LoggerFactory.getLogger("org.postgresql"));
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        List<Level> levels = chatty.stream().map(Logger::getLevel).toList();
        chatty.forEach(logger -> logger.setLevel(Level.DEBUG));
        try {
            SqlMetadataStore.openPostgres(SERVER.createDatabase()).close();
            assertThatThrownBy(() -> SqlMetadataStore.openPostgres(url.replace(PostgresServer.PASSWORD, "wrong-pw-99")));
        } finally {
            for (int i = 0; i < chatty.size(); i++) {
                chatty.get(i).setLevel(levels.get(i));
            }
            root.detachAppender(captured);
        }

        assertThat(captured.list).isNotEmpty();
        assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains(PostgresServer.PASSWORD) || line.contains("wrong-pw-99"));
    }

    @Test
    void aSessionKilledInTheMiddleOfAPutLeavesNothingOfIt() throws Exception {
        NewManifest manifest = new NewManifest(digest("half"), "application/vnd.oci.image.manifest.v1+json", 100,
                null, null, null, List.of(digest("layer")), List.of());
        store.linkBlob("app", digest("layer"), 20, null);
        try (Connection blocker = SERVER.admin(databaseOf(url)); Statement statement = blocker.createStatement()) {
            // Hold the tags table so the put stops after writing its manifest row and references, before the tag.
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE tags IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<Void> put = CompletableFuture.runAsync(() -> store.putManifest("app", manifest, "v1"));
            long pid = PostgresServer.awaitSessionWaitingOnLock(blocker);

            statement.execute("SELECT pg_terminate_backend(" + pid + ")");
            blocker.rollback();

            assertThatThrownBy(() -> put.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreUnavailableException.class);
        }

        assertThat(store.findManifest("app", digest("half"))).isEmpty();
        assertThat(store.findManifestByTag("app", "v1")).isEmpty();
        assertThat(store.listTags("app", null, 10)).isEmpty();
        assertThat(store.unlinkBlob("app", digest("layer"))).as("references of the manifest")
                .isEqualTo(new BlobUnlink.Unlinked(true));
        store.linkBlob("app", digest("layer"), 20, null);
        store.putManifest("app", manifest, "v1");
        assertThat(store.findManifestByTag("app", "v1")).map(ManifestRecord::digest).contains(digest("half"));
    }

    /** Bookkeeping commits without waiting for the WAL's fsync, that transaction only; every other write waits. */
    @Test
    void onlyBookkeepingCommitsWithoutWaitingForTheDisk() throws Exception {
        try (Connection admin = SERVER.admin(databaseOf(url)); Statement statement = admin.createStatement()) {
            // The embedded server's own default is off; a deployment's is on, and what this is about.
            statement.execute("ALTER DATABASE \"" + databaseOf(url) + "\" SET synchronous_commit = on");
        }
        PostgresDialect dialect = new PostgresDialect();
        var config = dialect.poolConfig(PostgresUrl.parse(url));
        config.setMaximumPoolSize(1);
        try (var pool = new com.zaxxer.hikari.HikariDataSource(config)) {
            Transactions transactions = new Transactions(pool, dialect);
            Transactions.Work<String> setting = connection -> Jdbc.first(connection,
                    "SELECT current_setting('synchronous_commit')", row -> row.getString(1)).orElseThrow();

            assertThat(transactions.writeBookkeeping("bookkeeping", setting)).isEqualTo("off");
            assertThat(transactions.write("write", setting)).as("the same connection, next transaction").isEqualTo("on");
            assertThat(transactions.read("read", setting)).isEqualTo("on");
        }
    }

    private static String databaseOf(String postgresUrl) {
        return postgresUrl.substring(postgresUrl.lastIndexOf('/') + 1);
    }
}
