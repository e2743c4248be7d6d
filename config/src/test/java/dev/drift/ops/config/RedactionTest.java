package dev.drift.ops.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

    private static final DriftConfig CONFIG = RenderTest.fullyPopulated();

    /** Every secret value held by {@link RenderTest#fullyPopulated()}. */
    private static final List<String> SECRETS = List.of(
            RenderTest.KEY_32,
            "jwt-\"quoted\"-secret", "jwt-\\\"quoted\\\"-secret",
            "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
            "plain:text", "text\\pw", "text\\\\pw",
            "p%40ss", "sslmode=require");

    @Test
    void renderRedactedHidesEverySecret() {
        String text = CONFIG.renderRedacted();
        for (String secret : SECRETS) {
            assertThat(text).doesNotContain(secret);
        }
        assertThat(text)
                .contains("jwt_secret = \"********\"")
                .contains("encryption_key = \"********\"")
                .contains("users = [\"admin:********\", \"ci:********\"]")
                .contains("postgres_url = \"postgresql://drift:********@db.internal:5433/drift?********\"");
    }

    @Test
    void renderRedactedShowsEverythingElseLikeRender() {
        List<String> plain = CONFIG.render().lines().filter(line -> !isSecretLine(line)).skip(1).toList();
        List<String> redacted = CONFIG.renderRedacted().lines().filter(line -> !isSecretLine(line)).skip(1).toList();
        assertThat(redacted).isEqualTo(plain);
    }

    private static boolean isSecretLine(String line) {
        return line.startsWith("jwt_secret") || line.startsWith("users") || line.startsWith("postgres_url")
                || line.startsWith("encryption_key");
    }

    @Test
    void emptySecretsStayVisiblyEmpty() {
        assertThat(DriftConfig.defaults().renderRedacted()).contains("jwt_secret = \"\"").contains("postgres_url = \"\"");
    }

    @Test
    void toStringOfEveryRecordHoldingASecretHidesIt() {
        List<Object> holders = List.of(CONFIG, CONFIG.auth(), CONFIG.auth().basicUsers().get(0),
                CONFIG.auth().basicUsers().get(1), CONFIG.auth().jwtSecret(), CONFIG.database(),
                CONFIG.database().zqlite(), CONFIG.database().postgresUrl());
        for (Object holder : holders) {
            String text = holder.toString();
            assertThat(text).contains(Secret.MASK);
            for (String secret : SECRETS) {
                assertThat(text).as(holder.getClass().getSimpleName()).doesNotContain(secret);
            }
        }
    }

    @Test
    void secretComparesByValueButPrintsMasked() {
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).hasSameHashCodeAs(Secret.of("a"))
                .isNotEqualTo(Secret.of("b"));
        assertThat(Secret.of("hunter2")).hasToString("********");
        assertThat(Secret.of("hunter2").reveal()).isEqualTo("hunter2");
        assertThat(Secret.of("").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgres://drift:pw@db:5432/drift|postgres://drift:********@db:5432/drift",
            "postgres://drift@db/drift|postgres://drift@db/drift",
            "postgresql://db/drift?password=pw|postgresql://db/drift?********",
            "postgres://drift:p w@db/drift|********",
            "not a url|********"})
    void urlsLoseTheirPasswords(String url, String shown) {
        assertThat(Redaction.url(url)).isEqualTo(shown);
    }
}
