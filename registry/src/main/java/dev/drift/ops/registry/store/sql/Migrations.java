package dev.drift.ops.registry.store.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Brings a database's schema up to the version this code knows, from the classpath scripts
 * {@code db/migration/V<n>__<description>.sql}. Each script runs in its own transaction together with the row
 * that records it in {@code schema_version}, so a crash leaves a script either fully applied and recorded or not
 * at all, and a restart applies nothing twice. A database whose schema is newer than the code is refused.
 *
 * <p>Scripts are shared by all engines. They hold only statements separated by a semicolon at the end of a line
 * (no procedures or triggers), whole-line {@code --} comments, and {@code ${name}} placeholders that the
 * {@link SqlDialect} fills in.
 */
public final class Migrations {

    /** The scripts in order. A new migration is a new file under db/migration plus its name here. */
    static final List<String> SCRIPTS = List.of("V1__initial.sql");

    static final String LOCATION = "db/migration/";

    private static final Pattern SCRIPT_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*$", Pattern.MULTILINE);

    private static final String CREATE_VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_version (
                version INTEGER PRIMARY KEY,
                description TEXT NOT NULL,
                applied_at BIGINT NOT NULL
            )""";

    /** One script: its version number (from V1 on, without gaps), its description and its resource name. */
    record Migration(int version, String description, String script) {
    }

    private static final List<Migration> MIGRATIONS = parse(SCRIPTS);

    private Migrations() {
    }

    /** The schema version this code brings a database to. */
    public static int latestVersion() {
        return MIGRATIONS.getLast().version();
    }

    /**
     * Applies the migrations the database lacks.
     *
     * @return the versions applied now, empty if the schema was already current
     * @throws IllegalStateException if the database's schema is newer than this code
     */
    public static List<Integer> migrate(Connection connection, SqlDialect dialect, long nowMillis) throws SQLException {
        dialect.lockMigrations(connection);
        try {
            return migrateLocked(connection, dialect, nowMillis);
        } finally {
            dialect.unlockMigrations(connection);
        }
    }

    private static List<Integer> migrateLocked(Connection connection, SqlDialect dialect, long nowMillis)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_VERSION_TABLE);
        }
        List<Integer> applied = new ArrayList<>();
        connection.setAutoCommit(false);
        try {
            // Read inside the transaction, so a second process migrating at the same time waits for this one
            // (SQLite takes the write lock at BEGIN IMMEDIATE) and then sees what it applied.
            int current = currentVersion(connection);
            if (current > latestVersion()) {
                throw new IllegalStateException("the " + dialect.name() + " metadata database has schema version "
                        + current + ", newer than the version " + latestVersion()
                        + " this Drift knows; run a Drift at least as new as the one that last migrated it");
            }
            for (Migration migration : MIGRATIONS.subList(current, MIGRATIONS.size())) {
                apply(connection, dialect, migration, nowMillis);
                connection.commit();
                applied.add(migration.version());
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        return applied;
    }

    public static int currentVersion(Connection connection) throws SQLException {
        return (int) Jdbc.single(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
    }

    /** Every statement of every migration, in order, as {@code dialect} would run them (for checking the SQL). */
    public static List<String> renderedStatements(SqlDialect dialect) {
        return MIGRATIONS.stream().flatMap(migration -> rendered(migration, dialect).stream()).toList();
    }

    private static List<String> rendered(Migration migration, SqlDialect dialect) {
        return statements(fillPlaceholders(read(migration.script()), dialect.migrationPlaceholders(), migration));
    }

    private static void apply(Connection connection, SqlDialect dialect, Migration migration, long nowMillis)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String single : rendered(migration, dialect)) {
                statement.execute(single);
            }
        }
        Jdbc.update(connection, "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                migration.version(), migration.description(), nowMillis);
    }

    /** The script's statements, without comment lines and the separating semicolons. */
    static List<String> statements(String script) {
        String withoutComments = script.lines()
                .filter(line -> !line.strip().startsWith("--"))
                .collect(Collectors.joining("\n"));
        return STATEMENT_END.splitAsStream(withoutComments)
                .map(String::strip)
                .filter(statement -> !statement.isEmpty())
                .toList();
    }

    private static String fillPlaceholders(String script, Map<String, String> values, Migration migration) {
        Matcher matcher = PLACEHOLDER.matcher(script);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("migration " + migration.script() + " uses placeholder ${"
                        + matcher.group(1) + "}, which the dialect does not define");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(filled).toString();
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(LOCATION + script)) {
            if (in == null) {
                throw new IllegalStateException("migration script " + LOCATION + script + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration script " + LOCATION + script, e);
        }
    }

    /** Checks the names once: V1, V2, ... in order, so "version n" is always the n-th script. */
    private static List<Migration> parse(List<String> scripts) {
        List<Migration> migrations = new ArrayList<>();
        for (String script : scripts) {
            Matcher name = SCRIPT_NAME.matcher(script);
            if (!name.matches()) {
                throw new IllegalStateException("migration script name " + script + " is not V<n>__<description>.sql");
            }
            int version = Integer.parseInt(name.group(1));
            if (version != migrations.size() + 1) {
                throw new IllegalStateException("migration script " + script + " should have version "
                        + (migrations.size() + 1));
            }
            migrations.add(new Migration(version, name.group(2), script));
        }
        return List.copyOf(migrations);
    }
}
