package dev.drift.ops.registry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which errors of a real SQLite engine the dialect calls "unavailable". */
class SqliteDialectTest {

    private final SqliteDialect dialect = new SqliteDialect();

    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotADatabaseIsUnavailable() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.db"), "not a database ".repeat(100),
                StandardCharsets.UTF_8);

        SQLException error = catchThrowableOfType(SQLException.class, () -> {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + garbage);
                 Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT * FROM sqlite_master");
            }
        });

        assertThat(dialect.isUnavailable(error)).isTrue();
    }

    @Test
    void aConstraintViolationIsNotUnavailability() throws Exception {
        SQLException error = catchThrowableOfType(SQLException.class, () -> {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ok.db"));
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
                statement.execute("INSERT INTO t (id) VALUES (1)");
                statement.execute("INSERT INTO t (id) VALUES (1)");
            }
        });

        assertThat(dialect.isUnavailable(error)).isFalse();
    }

    @Test
    void aSyntaxErrorIsNotUnavailability() throws Exception {
        SQLException error = catchThrowableOfType(SQLException.class, () -> {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ok.db"));
                 Statement statement = connection.createStatement()) {
                statement.execute("SELEKT 1");
            }
        });

        assertThat(dialect.isUnavailable(error)).isFalse();
    }

    @Test
    void standardConnectionErrorsAreUnavailableOnEveryEngine() {
        assertThat(dialect.isUnavailable(new SQLTransientConnectionException("pool timed out"))).isTrue();
        assertThat(dialect.isUnavailable(new SQLException("connection refused", "08001"))).isTrue();
        assertThat(dialect.isUnavailable(new SQLException("bad data", "22001"))).isFalse();
    }
}
