package dev.drift.ops.registry.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.ops.config.Secret;
import dev.drift.ops.config.ZqliteConfig;
import dev.drift.ops.testkit.PostgresServer;
import dev.drift.ops.registry.migrate.MetadataDatabase.Role;
import dev.drift.ops.registry.migrate.MetadataTables.Table;
import dev.drift.ops.registry.migrate.Migrator.Options;
import dev.drift.ops.registry.store.BoltKind;
import dev.drift.ops.registry.store.sql.SqlMetadataStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only a PostgreSQL target shows: a half-way failure rolls back there too, and verification reads it back. */
class PostgresTargetIT {

    private static final ZqliteConfig NO_ZQLITE = new ZqliteConfig(false, Secret.of(""), false, false);

    @TempDir
    Path dir;

    private final Migrator migrator = new Migrator(line -> { });
    private Path sourceFile;
    private String targetUrl;
    private String database;

    @BeforeEach
    void fillSourceAndCopyItOnce() {
        sourceFile = dir.resolve("source.db");
        try (SqlMetadataStore store = SqlMetadataStore.openSqlite(sourceFile)) {
            MetadataFill.fill(store);
        }
        String withPassword = PostgresServer.shared().createDatabase();
        targetUrl = withPassword.replace(":" + PostgresServer.PASSWORD + "@", "@");
        database = targetUrl.substring(targetUrl.lastIndexOf('/') + 1);
        migrate(new Options(true, false, false));
    }

    @Test
    void aForcedCopyThatFailsHalfWayLeavesThePostgresTargetAsItWas() throws Exception {
        try (SqlMetadataStore target = SqlMetadataStore.openPostgres(
                targetUrl.replace("@", ":" + PostgresServer.PASSWORD + "@"))) {
            target.saveBoltItem(MetadataFill.item(BoltKind.PLUGIN, "only-in-target", null, List.of(), 1.0));
        }
        Map<String, TableChecksum> before = targetChecksums();
        MigratorTest.execute(sourceFile,
                "INSERT INTO tags (repository_id, name, manifest_id, updated_at) VALUES (1, 'dangling', 9999, 0)");

        assertThatThrownBy(() -> migrate(new Options(true, false, true)))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("failed at table tags")
                .hasMessageContaining("everything was rolled back");

        assertThat(targetChecksums()).isEqualTo(before);
        assertThat(before.get("bolt_items").rows()).isEqualTo(4);
    }

    @Test
    void verificationReadsThePostgresTargetBackAndCatchesATamperedRow() throws Exception {
        try (Connection admin = PostgresServer.shared().admin(database); Statement statement = admin.createStatement()) {
            statement.executeUpdate("UPDATE manifests SET annotations = annotations || ' ' WHERE id = 1");
        }

        try (MetadataDatabase source = source(); MetadataDatabase target = target()) {
            assertThatThrownBy(() -> migrator.verify(source.asSource(), target))
                    .hasMessageContaining("verification FAILED")
                    .hasMessageContaining("manifests (source 7 rows");
        }
    }

    private void migrate(Options options) {
        try (MetadataDatabase source = source(); MetadataDatabase target = target()) {
            migrator.migrate(source.asSource(), target, options);
        }
    }

    private Map<String, TableChecksum> targetChecksums() {
        Map<String, TableChecksum> sums = new LinkedHashMap<>();
        try (MetadataDatabase target = target()) {
            for (Table table : MetadataTables.TABLES) {
                sums.put(table.name(), TableChecksum.of(table, target.asSource().rows(table)));
            }
        }
        return sums;
    }

    private MetadataDatabase source() {
        return MetadataDatabase.open(DatabaseUrl.parse(sourceFile.toString()), Secret.of(""), NO_ZQLITE, Role.SOURCE);
    }

    private MetadataDatabase target() {
        return MetadataDatabase.open(DatabaseUrl.parse(targetUrl), Secret.of(PostgresServer.PASSWORD), NO_ZQLITE,
                Role.TARGET);
    }
}
