package dev.drift.ops.registry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.ops.registry.store.BoltKind;
import dev.drift.ops.registry.store.LockMode;
import dev.drift.ops.registry.store.ManifestRecord;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.MetadataStoreContract;
import dev.drift.ops.registry.store.StoreUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file, plus what only a file-backed database has: reopening, migrating. */
class SqliteMetadataStoreTest extends MetadataStoreContract {

    @TempDir
    Path dir;

    private Path dbFile() {
        return dir.resolve("data/metadata/drift.db");
    }

    @Override
    protected MetadataStore openStore() {
        return SqlMetadataStore.openSqlite(dbFile());
    }

    @Test
    void dataSurvivesAReopenAndMigrationsAreAppliedOnce() throws SQLException {
        store.linkBlob("app", digest("layer"), 42, "application/octet-stream");
        store.putManifest("app", manifest("m1"), "v1");
        store.saveBoltItem(boltItem(BoltKind.PROFILE, "kept", "survives", List.of("x")));
        store.recordBoltDownload(BoltKind.PROFILE, "kept");
        store.close();

        store = SqlMetadataStore.openSqlite(dbFile());

        assertThat(store.linkedBlobSize("app", digest("layer"))).contains(42L);
        assertThat(store.findManifestByTag("app", "v1")).map(ManifestRecord::digest).contains(digest("m1"));
        assertThat(store.findBoltItem(BoltKind.PROFILE, "kept").orElseThrow().downloads()).isEqualTo(1);
        try (Connection connection = rawConnection()) {
            assertThat(Jdbc.single(connection, "SELECT COUNT(*) FROM schema_version"))
                    .isEqualTo(Migrations.latestVersion());
            assertThat(Migrations.currentVersion(connection)).isEqualTo(Migrations.latestVersion());
            assertThat(Migrations.migrate(connection, new SqliteDialect(), 0)).isEmpty();
        }
    }

    @Test
    void aFreshDatabaseGetsEveryMigrationInOrder() throws SQLException {
        try (Connection connection = rawConnection()) {
            List<Long> versions = Jdbc.list(connection, "SELECT version FROM schema_version ORDER BY version",
                    row -> row.getLong(1));
            assertThat(versions).hasSize(Migrations.latestVersion()).first().isEqualTo(1L);
        }
    }

    @Test
    void processesOpeningOneNewFileAtOnceMigrateItOnce() throws Exception {
        Path shared = dir.resolve("shared/drift.db");
        List<SqlMetadataStore> opened = new CopyOnWriteArrayList<>();
        try {
            concurrently(4, 1, (thread, round) -> opened.add(SqlMetadataStore.openSqlite(shared)));

            opened.getFirst().putManifest("app", manifest("m1"), "v1");
            assertThat(opened.getLast().findManifestByTag("app", "v1")).isPresent();
        } finally {
            opened.forEach(SqlMetadataStore::close);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + shared)) {
            assertThat(Jdbc.single(connection, "SELECT COUNT(*) FROM schema_version"))
                    .isEqualTo(Migrations.latestVersion());
        }
    }

    /** Another process on the same file, as a second Drift or {@code drift-ops gc} is: the locks hold across it. */
    @Test
    void contentAndCollectorLocksHoldAcrossProcessesOnOneFile() throws Exception {
        String digest = digest("cross-process");
        CompletableFuture<String> linking;
        try (LockHolderProcess other = LockHolderProcess.start(dbFile(), digest)) {
            assertThat(other.answer()).isEqualTo("held");
            linking = CompletableFuture.supplyAsync(() -> lockQuietly(store, digest, LockMode.SHARED));
            assertThatThrownBy(() -> linking.get(300, TimeUnit.MILLISECONDS))
                    .as("a link waits while another process deletes").isInstanceOf(TimeoutException.class);
        }
        assertThat(linking.get(10, TimeUnit.SECONDS)).isEqualTo(digest);

        try (LockHolderProcess collector = LockHolderProcess.start(dbFile(), "collector")) {
            assertThat(collector.answer()).isEqualTo("held");
            assertThat(store.underCollectorLock(() -> "ran")).as("while another process collects").isEmpty();
        }
        assertThat(store.underCollectorLock(() -> "ran")).contains("ran");
        store.underCollectorLock(() -> {
            try (LockHolderProcess refused = LockHolderProcess.start(dbFile(), "collector")) {
                assertThat(refused.answer()).as("another process while this one collects").isEqualTo("refused");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return "ran";
        });
    }

    @Test
    void aSchemaNewerThanTheCodeIsRefusedClearly() throws SQLException {
        store.close();
        try (Connection connection = rawConnection()) {
            Jdbc.update(connection, "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                    Migrations.latestVersion() + 1, "from_the_future", 0L);
        }

        assertThatThrownBy(this::openStore)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema version " + (Migrations.latestVersion() + 1))
                .hasMessageContaining("newer than the version " + Migrations.latestVersion());
        store = openSpareStore();
    }

    @Test
    void theDatabaseRunsInWalMode() throws SQLException {
        try (Connection connection = rawConnection()) {
            assertThat(Jdbc.first(connection, "PRAGMA journal_mode", row -> row.getString(1))).contains("wal");
        }
    }

    @Test
    void aClosedStoreIsUnavailable() {
        store.close();

        assertThatThrownBy(store::ping).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("ping");
        assertThatThrownBy(() -> store.listTags("app", null, 10)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.putManifest("app", manifest("m1"), "v1"))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.recordBoltDownload(BoltKind.PLUGIN, "p"))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aFileThatIsNotADatabaseIsUnavailable() throws Exception {
        Path garbage = dir.resolve("garbage.db");
        Files.write(garbage, "this is not an SQLite database, just text long enough to fill a header".repeat(20)
                .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> SqlMetadataStore.openSqlite(garbage))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("sqlite");
    }

    @Test
    void aDatabasePathUnderARegularFileIsUnavailable() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> SqlMetadataStore.openSqlite(file.resolve("drift.db")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("not-a-directory");
    }

    @Test
    void aDatabaseCorruptedWhileTheStoreWasDownIsUnavailable() throws Exception {
        store.putManifest("app", manifest("m1"), "v1");
        store.close();
        // Zero the header and the first pages, as a failing disk might.
        try (FileChannel file = FileChannel.open(dbFile(), StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(new byte[16384]), 0);
        }

        assertThatThrownBy(this::openStore).isInstanceOf(StoreUnavailableException.class);
        store = openSpareStore();
    }

    private Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dbFile());
    }

    /** A fresh store in another file, so the contract's clean-up has something to close. */
    private MetadataStore openSpareStore() {
        return SqlMetadataStore.openSqlite(dir.resolve("other/drift.db"));
    }
}
