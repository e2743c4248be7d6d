package dev.drift.ops.registry.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.ops.config.Secret;
import dev.drift.ops.config.ZqliteConfig;
import dev.drift.ops.registry.migrate.MetadataTables.Table;
import dev.drift.ops.registry.migrate.MetadataDatabase.Role;
import dev.drift.ops.registry.migrate.Migrator.Options;
import dev.drift.ops.registry.migrate.Migrator.TableResult;
import dev.drift.ops.registry.store.BoltItem;
import dev.drift.ops.registry.store.BoltKind;
import dev.drift.ops.registry.store.ManifestRecord;
import dev.drift.ops.registry.store.sql.SqlMetadataStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration between SQLite files: everything that does not need another engine to show. */
class MigratorTest {

    private static final ZqliteConfig NO_ZQLITE = new ZqliteConfig(false, Secret.of(""), false, false);
    private static final Options COPY_AND_VERIFY = new Options(true, false, false);

    @TempDir
    Path dir;

    private final List<String> progress = new ArrayList<>();
    private final Migrator migrator = new Migrator(progress::add);
    private Path sourceFile;
    private Path targetFile;

    @BeforeEach
    void fillSource() {
        sourceFile = dir.resolve("source.db");
        targetFile = dir.resolve("target/drift.db");
        try (SqlMetadataStore store = SqlMetadataStore.openSqlite(sourceFile)) {
            MetadataFill.fill(store);
        }
    }

    @Test
    void aCopyHoldsEveryRowWithItsIdAndVerifies() {
        List<TableResult> results = migrate(COPY_AND_VERIFY);

        assertThat(results).extracting(TableResult::table)
                .containsExactlyElementsOf(MetadataTables.TABLES.stream().map(Table::name).toList());
        assertThat(results).allSatisfy(result -> assertThat(result.matches()).isTrue());
        assertThat(results).filteredOn(r -> r.table().equals("manifests")).first()
                .satisfies(r -> assertThat(r.source().rows()).isEqualTo(7));
        assertThat(progress).anySatisfy(line -> assertThat(line).matches("copy manifests +7/7 rows"))
                .anySatisfy(line -> assertThat(line).matches("copy bolt_item_tags +3/3 rows"))
                .anySatisfy(line -> assertThat(line).startsWith("committed"))
                .anySatisfy(line -> assertThat(line).matches("verify bolt_items +ok +3 rows, sha256 [0-9a-f]{16}"));
        assertThat(rawRows(targetFile)).isEqualTo(rawRows(sourceFile));
    }

    @Test
    void theCopyServesAsAStoreWithEqualContent() {
        migrate(COPY_AND_VERIFY);

        try (SqlMetadataStore source = SqlMetadataStore.openSqlite(sourceFile);
             SqlMetadataStore target = SqlMetadataStore.openSqlite(targetFile)) {
            assertThat(target.listRepositories(null, 100)).containsExactlyElementsOf(source.listRepositories(null, 100));
            for (String repo : source.listRepositories(null, 100)) {
                assertThat(target.listTags(repo, null, 100)).containsExactlyElementsOf(source.listTags(repo, null, 100));
                ManifestRecord latest = source.findManifestByTag(repo, "latest").orElseThrow();
                assertThat(target.findManifestByTag(repo, "latest")).contains(latest);
                assertThat(target.findReferrers(repo, latest.digest(), null))
                        .containsExactlyElementsOf(source.findReferrers(repo, latest.digest(), null));
            }
            BoltItem profile = source.findBoltItem(BoltKind.PROFILE, "fast-fps").orElseThrow();
            assertThat(profile.description()).isEqualTo(MetadataFill.AWKWARD);
            assertThat(target.findBoltItem(BoltKind.PROFILE, "fast-fps")).contains(profile);
            assertThat(target.boltTotals()).isEqualTo(source.boltTotals());
            // New rows get new ids after the copied ones.
            target.saveBoltItem(MetadataFill.item(BoltKind.PLUGIN, "added-later", null, List.of(), 1.0));
            assertThat(target.findBoltItem(BoltKind.PLUGIN, "added-later")).isPresent();
        }
    }

    @Test
    void aTargetWithRowsIsRefusedAndKeptUnlessForced() {
        migrate(COPY_AND_VERIFY);
        try (SqlMetadataStore target = SqlMetadataStore.openSqlite(targetFile)) {
            target.saveBoltItem(MetadataFill.item(BoltKind.PLUGIN, "only-in-target", null, List.of(), 1.0));
        }
        Map<String, List<List<Object>>> before = rawRows(targetFile);

        assertThatThrownBy(() -> migrate(COPY_AND_VERIFY))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("is not empty (repositories: 3 rows")
                .hasMessageContaining("bolt_items: 4 rows")
                .hasMessageContaining("Pass --force");
        assertThat(rawRows(targetFile)).isEqualTo(before);

        migrate(new Options(true, false, true));
        assertThat(rawRows(targetFile)).isEqualTo(rawRows(sourceFile));
    }

    @Test
    void aDryRunWritesNothingAndDoesNotEvenCreateTheTarget() {
        List<TableResult> planned = migrate(new Options(true, true, false));

        assertThat(targetFile).doesNotExist();
        assertThat(planned).extracting(r -> r.source().rows()).contains(3L, 7L);
        assertThat(progress).contains("dry run: nothing was written")
                .anySatisfy(line -> assertThat(line).matches("would copy manifests +7 rows, sha256 [0-9a-f]{16}"))
                .anySatisfy(line -> assertThat(line).endsWith("does not exist yet: the copy would create it"));
    }

    @Test
    void aDryRunIntoAFilledTargetSaysForceWouldBeNeededAndChangesNothing() {
        migrate(COPY_AND_VERIFY);
        Map<String, List<List<Object>>> before = rawRows(targetFile);
        progress.clear();

        migrate(new Options(false, true, false));

        assertThat(rawRows(targetFile)).isEqualTo(before);
        assertThat(progress).anySatisfy(line -> assertThat(line).contains("would need --force"));
    }

    @Test
    void verificationCatchesATamperedRowAndNamesTheTable() {
        migrate(COPY_AND_VERIFY);
        execute(targetFile, "UPDATE bolt_items SET downloads = downloads + 1 WHERE name = 'fast-fps'");

        try (MetadataDatabase source = open(sourceFile); MetadataDatabase target = open(targetFile)) {
            assertThatThrownBy(() -> migrator.verify(source.asSource(), target))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("verification FAILED")
                    .hasMessageContaining("bolt_items (source 3 rows, sha256 ")
                    .hasMessageNotContaining("manifests (");
        }
        assertThat(progress).anySatisfy(line -> assertThat(line).matches("verify bolt_items +DIFFERS .*"));
    }

    @Test
    void verificationCatchesAMissingRow() {
        migrate(COPY_AND_VERIFY);
        execute(targetFile, "DELETE FROM bolt_item_tags WHERE tag = 'ui'");

        try (MetadataDatabase source = open(sourceFile); MetadataDatabase target = open(targetFile)) {
            assertThatThrownBy(() -> migrator.verify(source.asSource(), target))
                    .hasMessageContaining("bolt_item_tags (source 3 rows, sha256 ")
                    .hasMessageContaining("; target 2 rows");
        }
    }

    /**
     * A row the target refuses half-way (a tag pointing at a manifest that does not exist: the source file allowed
     * it with foreign keys off, the target enforces them) rolls the whole copy back. Tables copied before it
     * (repositories, blobs, manifests) are gone again, and a forced copy leaves the earlier content in place.
     */
    @Test
    void aCopyThatFailsHalfWayLeavesTheTargetAsItWas() {
        migrate(COPY_AND_VERIFY);
        try (SqlMetadataStore target = SqlMetadataStore.openSqlite(targetFile)) {
            target.saveBoltItem(MetadataFill.item(BoltKind.PLUGIN, "only-in-target", null, List.of(), 1.0));
        }
        Map<String, List<List<Object>>> before = rawRows(targetFile);
        execute(sourceFile, "INSERT INTO tags (repository_id, name, manifest_id, updated_at) VALUES (1, 'dangling', 9999, 0)");
        execute(sourceFile, "INSERT INTO repositories (id, name, created_at) VALUES (99, 'only-in-source', 0)");

        assertThatThrownBy(() -> migrate(new Options(true, false, true)))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("failed at table tags")
                .hasMessageContaining("repository_id=1, name=dangling")
                .hasMessageContaining("everything was rolled back");

        assertThat(rawRows(targetFile)).isEqualTo(before);
        assertThat(progress).anySatisfy(line -> assertThat(line).startsWith("rolled back"));
    }

    @Test
    void aSourceFileThatDoesNotExistIsRefusedAndNotCreated() {
        Path missing = dir.resolve("missing.db");

        assertThatThrownBy(() -> MetadataDatabase.open(DatabaseUrl.parse(missing.toString()), Secret.of(""), NO_ZQLITE, Role.SOURCE))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining(missing + " does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aSourceWithAnOlderSchemaIsRefused() {
        execute(sourceFile, "DELETE FROM schema_version");

        assertThatThrownBy(() -> migrate(COPY_AND_VERIFY))
                .hasMessageContaining("has schema version 0, this tool copies version 1")
                .hasMessageContaining("start this version of Drift on the source once");
        assertThat(targetFile).doesNotExist();
    }

    private List<TableResult> migrate(Options options) {
        try (MetadataDatabase source = open(sourceFile);
             MetadataDatabase target = MetadataDatabase.open(DatabaseUrl.parse("sqlite://" + targetFile), Secret.of(""),
                     NO_ZQLITE, options.dryRun() ? Role.INSPECTED_TARGET : Role.TARGET)) {
            return migrator.migrate(source.asSource(), target, options);
        }
    }

    private static MetadataDatabase open(Path file) {
        return MetadataDatabase.open(DatabaseUrl.parse(file.toString()), Secret.of(""), NO_ZQLITE, Role.SOURCE);
    }

    /** Every table's rows as the raw JDBC values, in primary key order: what "unchanged" means here. */
    static Map<String, List<List<Object>>> rawRows(Path file) {
        Map<String, List<List<Object>>> tables = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            for (Table table : MetadataTables.TABLES) {
                List<List<Object>> rows = new ArrayList<>();
                try (var result = statement.executeQuery("SELECT * FROM " + table.name() + " ORDER BY "
                        + String.join(", ", table.primaryKey()))) {
                    while (result.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                            row.add(result.getObject(i));
                        }
                        rows.add(row);
                    }
                }
                tables.put(table.name(), rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return tables;
    }

    static void execute(Path file, String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
