package dev.drift.ops.registry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.ops.config.Secret;
import dev.drift.ops.config.ZqliteConfig;
import dev.drift.ops.registry.migrate.MetadataDatabase.Role;
import dev.drift.ops.registry.migrate.MetadataTables.Table;
import dev.drift.ops.registry.migrate.Migrator.Options;
import dev.drift.ops.registry.migrate.Migrator.TableResult;
import dev.drift.ops.registry.migrate.dump.DumpSource;
import dev.drift.ops.registry.migrate.dump.DumpSource.Format;
import dev.drift.ops.registry.store.BoltItem;
import dev.drift.ops.registry.store.BoltKind;
import dev.drift.ops.registry.store.sql.SqlMetadataStore;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dumps that sqlite3 and pg_dump made of one filled database (see resources/dumps/README.md) import into
 * SQLite, verify, serve, and hold exactly the same rows whichever format they came in.
 */
class DumpImportTest {

    private static final ZqliteConfig NO_ZQLITE = new ZqliteConfig(false, Secret.of(""), false, false);

    @TempDir
    Path dir;

    @Test
    void theThreeDumpsOfOneDatabaseHoldTheSameRows() {
        Map<String, TableChecksum> sqlite = checksums(dump("sqlite.dump", Format.SQLITE));
        Map<String, TableChecksum> copy = checksums(dump("pg.dump", Format.POSTGRES));
        Map<String, TableChecksum> inserts = checksums(dump("pg-inserts.dump", Format.POSTGRES));

        assertThat(sqlite.keySet()).containsExactlyElementsOf(MetadataTables.TABLES.stream().map(Table::name).toList());
        assertThat(copy).isEqualTo(sqlite);
        assertThat(inserts).isEqualTo(sqlite);
        assertThat(sqlite.get("manifests").rows()).isEqualTo(7);
        assertThat(sqlite.get("bolt_items").rows()).isEqualTo(3);
    }

    @Test
    void aSqliteDumpImportsVerifiesAndServes() {
        importAndCheck("sqlite.dump", Format.SQLITE);
    }

    @Test
    void aPgDumpWithCopyBlocksImportsVerifiesAndServes() {
        importAndCheck("pg.dump", Format.POSTGRES);
    }

    @Test
    void aPgDumpWithInsertsImportsVerifiesAndServes() {
        importAndCheck("pg-inserts.dump", Format.POSTGRES);
    }

    private void importAndCheck(String name, Format format) {
        Path target = dir.resolve(name + ".db");
        try (DumpSource source = dump(name, format);
             MetadataDatabase database = MetadataDatabase.open(DatabaseUrl.parse(target.toString()), Secret.of(""),
                     NO_ZQLITE, Role.TARGET)) {
            List<TableResult> results = new Migrator(line -> { }).migrate(source, database, new Options(true, false, false));
            assertThat(results).allSatisfy(result -> assertThat(result.matches()).isTrue());
        }
        try (SqlMetadataStore store = SqlMetadataStore.openSqlite(target)) {
            assertThat(store.listRepositories(null, 10)).containsExactly("Zeta", "library/alpine", "team/app");
            assertThat(store.listTags("team/app", null, 10)).containsExactly("latest", "multi", "v1");
            String subject = store.findManifestByTag("team/app", "latest").orElseThrow().digest();
            assertThat(store.findReferrers("team/app", subject, null)).singleElement()
                    .satisfies(referrer -> assertThat(referrer.artifactType()).isEqualTo("application/vnd.example.signature"));
            BoltItem profile = store.findBoltItem(BoltKind.PROFILE, "fast-fps").orElseThrow();
            assertThat(profile.description()).isEqualTo(MetadataFill.AWKWARD);
            assertThat(profile.downloads()).isEqualTo(3);
            assertThat(profile.rating()).isEqualTo(4.75);
            assertThat(profile.tags()).containsExactly("competitive", "fps");
            assertThat(store.findBoltItem(BoltKind.PROFILE, "quiet").orElseThrow().description()).isNull();
            assertThat(store.boltTotals().pluginDownloads()).isEqualTo(1);
        }
    }

    private static Map<String, TableChecksum> checksums(DumpSource source) {
        return MetadataTables.TABLES.stream().collect(Collectors.toMap(Table::name,
                table -> TableChecksum.of(table, source.rows(table)), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static DumpSource dump(String name, Format format) {
        try {
            return DumpSource.read(Path.of(DumpImportTest.class.getResource("/dumps/" + name).toURI()), format);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
