package dev.drift.ops.registry.store.zqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZqliteUrlTest {

    @Test
    void parsesHostPortAndDatabase() {
        ZqliteUrl url = ZqliteUrl.parse("zqlite://zqlite:5433/drift");

        assertThat(url).isEqualTo(new ZqliteUrl("zqlite", 5433, "drift"));
        assertThat(url).hasToString("zqlite://zqlite:5433/drift");
    }

    @Test
    void takesTheSeedsPortWhenNoneIsGiven() {
        assertThat(ZqliteUrl.parse("zqlite://127.0.0.1/metadata").port()).isEqualTo(5433);
    }

    @Test
    void bracketsAnIpv6Host() {
        assertThat(ZqliteUrl.parse("zqlite://[::1]:7000/drift").hostAndPort()).isEqualTo("[::1]:7000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgres://db:5432/drift      | the scheme must be zqlite://",
            "zqlite:///drift               | it names no host",
            "zqlite://db:5433/             | the path must be one database name",
            "zqlite://db:5433/a/b          | the path must be one database name",
            "zqlite://db:5433/drift?x=1    | must not have a query",
            "zqlite://db:5433/dr ift       | it is not a URL",
    })
    void refusesWhatIsNotAZqliteUrlAndSaysWhy(String url, String reason) {
        assertThatThrownBy(() -> ZqliteUrl.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(url.strip())
                .hasMessageContaining(reason);
    }

    @Test
    void refusesCredentialsWithoutEchoingThem() {
        assertThatThrownBy(() -> ZqliteUrl.parse("zqlite://admin:hunter2@db:5433/drift"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not carry a user or password")
                .hasMessageContaining("zqlite://****@db:5433/drift")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void refusesAnEmptyUrl() {
        assertThatThrownBy(() -> ZqliteUrl.parse(" ")).hasMessageContaining("empty");
    }
}
