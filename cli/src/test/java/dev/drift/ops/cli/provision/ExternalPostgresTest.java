package dev.drift.ops.cli.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.config.Secret;
import org.junit.jupiter.api.Test;

class ExternalPostgresTest {

    @Test
    void insertsTheEncodedPasswordForTheConfigFileOnly() {
        ExternalPostgres postgres = ExternalPostgres.of("postgres://drift@db.example:5432/drift?sslmode=require",
                Secret.of("p@ss word:/x"));
        assertThat(postgres.urlWithPassword().reveal())
                .isEqualTo("postgres://drift:p%40ss%20word%3A%2Fx@db.example:5432/drift?sslmode=require");
        assertThat(postgres.toString()).doesNotContain("p@ss");
    }

    @Test
    void withoutAPasswordTheUrlStaysAsGiven() {
        assertThat(ExternalPostgres.of("postgresql://drift@db/drift", Secret.of("")).urlWithPassword().reveal())
                .isEqualTo("postgresql://drift@db/drift");
    }

    @Test
    void refusesAPasswordInTheUrlWithoutRepeatingIt() {
        assertThatThrownBy(() -> ExternalPostgres.of("postgres://drift:hunter2@db/drift", Secret.of("")))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("must not contain the password")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void refusesOtherSchemesAndMissingUsers() {
        assertThatThrownBy(() -> ExternalPostgres.of("mysql://drift@db/drift", Secret.of("")))
                .hasMessageContaining("postgres://USER@HOST:PORT/DATABASE");
        assertThatThrownBy(() -> ExternalPostgres.of("postgres://db/drift", Secret.of("")))
                .hasMessageContaining("needs a user");
    }
}
