package dev.drift.ops.registry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.PGProperty;

class PostgresUrlTest {

    @Test
    void aFullUrlSplitsIntoServerCredentialsAndDriverProperties() {
        PostgresUrl url = PostgresUrl.parse(
                "postgres://drift:s3cret@db.example:6543/registry?sslmode=require&application_name=drift-a");

        assertThat(url.host()).isEqualTo("db.example");
        assertThat(url.port()).isEqualTo(6543);
        assertThat(url.database()).isEqualTo("registry");
        assertThat(url.user()).isEqualTo("drift");
        assertThat(url.password().reveal()).isEqualTo("s3cret");
        assertThat(url.properties()).isEqualTo(Map.of(PGProperty.SSL_MODE, "require", PGProperty.APPLICATION_NAME, "drift-a"));
    }

    @Test
    void theDefaultsAreLibpqs() {
        PostgresUrl url = PostgresUrl.parse("postgresql://db");

        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.database()).isNull();
        assertThat(url.user()).isNull();
        assertThat(url.password().isEmpty()).isTrue();
    }

    @Test
    void percentEscapesInCredentialsAreDecodedAndAPlusStaysAPlus() {
        PostgresUrl url = PostgresUrl.parse("postgres://us%40er:p%3Aw%2Fd+x@[::1]:5432/db%20one");

        assertThat(url.user()).isEqualTo("us@er");
        assertThat(url.password().reveal()).isEqualTo("p:w/d+x");
        assertThat(url.database()).isEqualTo("db one");
        assertThat(url.bareHost()).isEqualTo("::1");
    }

    @Test
    void credentialsMayComeAsParameters() {
        PostgresUrl url = PostgresUrl.parse("postgres://db/registry?user=drift&password=from-query");

        assertThat(url.user()).isEqualTo("drift");
        assertThat(url.password().reveal()).isEqualTo("from-query");
    }

    @Test
    void toStringNamesTheServerButNeverThePasswordOrParameters() {
        PostgresUrl url = PostgresUrl.parse("postgres://drift:s3cret@db:5432/registry?sslmode=verify-full");

        assertThat(url.toString()).isEqualTo("postgres://drift@db:5432/registry").doesNotContain("s3cret");
    }

    @Test
    void badUrlsAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> PostgresUrl.parse("mysql://drift:s3cret@db/registry"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgres://").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> PostgresUrl.parse("postgres://drift:s3cret@/registry"))
                .hasMessageContaining("no host").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> PostgresUrl.parse("postgres://drift:s3 cret@db/registry"))
                .hasMessageContaining("not a valid URL").hasMessageNotContaining("s3 cret");
        assertThatThrownBy(() -> PostgresUrl.parse("postgres://drift:s3cret@db/registry?target_session_attrs=any"))
                .hasMessageContaining("target_session_attrs").hasMessageContaining("sslmode")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void thePoolGetsThePasswordOnlyInsideItsDataSource() {
        var pool = new PostgresDialect().poolConfig(PostgresUrl.parse("postgres://drift:s3cret@db:5432/registry"));

        assertThat(pool.getJdbcUrl()).isNull();
        assertThat(pool.getPassword()).isNull();
        assertThat(pool.getPoolName()).doesNotContain("s3cret");
        assertThat(String.valueOf(pool.getDataSource())).doesNotContain("s3cret");
        assertThat(pool.getConnectionTimeout()).isLessThanOrEqualTo(PostgresDialect.POOL_TIMEOUT.toMillis());
    }
}
