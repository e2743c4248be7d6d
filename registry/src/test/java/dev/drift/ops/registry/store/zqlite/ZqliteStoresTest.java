package dev.drift.ops.registry.store.zqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.ops.config.Secret;
import dev.drift.ops.config.ZqliteConfig;
import dev.drift.ops.registry.store.StoreUnavailableException;
import dev.drift.ops.registry.store.zqlite.BrokenServerDoubles.Double;
import org.junit.jupiter.api.Test;

class ZqliteStoresTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void optionsTravelAsRunTimeSettingsInTheStartupMessage() {
        assertThat(ZqliteStores.startupOptions(new ZqliteConfig(false, Secret.of(""), true, false)))
                .isEqualTo("-c zqlite.enable_encryption=off -c zqlite.enable_signatures=on -c zqlite.enable_zkp=off");
        assertThat(ZqliteStores.startupOptions(new ZqliteConfig(true, Secret.of(KEY), false, true)))
                .isEqualTo("-c zqlite.enable_encryption=on -c zqlite.enable_signatures=off -c zqlite.enable_zkp=on"
                        + " -c zqlite.encryption_key=" + KEY);
    }

    @Test
    void spacesAndBackslashesInTheKeyAreEscapedForTheOptionsString() {
        String key = "key with spaces \\ and 32 bytes!!";
        assertThat(key).hasSize(32);

        assertThat(ZqliteStores.startupOptions(new ZqliteConfig(true, Secret.of(key), false, false)))
                .endsWith("-c zqlite.encryption_key=key\\ with\\ spaces\\ \\\\\\ and\\ 32\\ bytes!!");
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedWithoutShowingIt() {
        String shortKey = "too-short-secret";

        assertThatThrownBy(() -> ZqliteStores.startupOptions(new ZqliteConfig(true, Secret.of(shortKey), false, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("[database.zqlite] encryption_key must be exactly 32 bytes (UTF-8) when "
                        + "enable_encryption = true, got 16")
                .hasMessageNotContaining(shortKey);
        // A multi-byte character counts by its UTF-8 bytes: 32 characters, 33 bytes.
        assertThatThrownBy(() -> ZqliteStores.startupOptions(
                new ZqliteConfig(true, Secret.of("é" + KEY.substring(1)), false, false)))
                .hasMessageEndingWith("got 33");
    }

    @Test
    void pgjdbcIsToldToUseSimpleQueriesWithoutTls() {
        assertThat(ZqliteStores.connectionProperties(new ZqliteConfig(false, Secret.of(""), false, false)))
                .containsEntry("preferQueryMode", "simple")
                .containsEntry("sslmode", "disable")
                .containsEntry("user", "drift")
                .containsKey("options");
    }

    @Test
    void aServerThatIsNotThereFailsToOpenWithTheProbesFindings() throws Exception {
        ZqliteUrl nothing = BrokenServerDoubles.refusingUrl();

        assertThatThrownBy(() -> ZqliteStores.open(nothing.toString(), new ZqliteConfig(true, Secret.of(KEY), false, false)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot connect to the zqlite metadata database")
                .hasMessageContaining("tcp connect FAILED (connection refused)")
                .satisfies(ZqliteStoresTest::keyAppearsNowhere);
    }

    @Test
    void aServerAnsweringGarbageFailsToOpenWithTheProbesFindingsAndNeverShowsTheKey() throws Exception {
        try (Double garbage = BrokenServerDoubles.answeringGarbage()) {
            assertThatThrownBy(() -> ZqliteStores.open(garbage.url().toString(),
                    new ZqliteConfig(true, Secret.of(KEY), false, false)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("pg startup FAILED (answered byte 0x68 'hello?")
                    .satisfies(ZqliteStoresTest::keyAppearsNowhere);
        }
    }

    private static void keyAppearsNowhere(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain(KEY);
            assertThat(cause.toString()).doesNotContain(KEY);
        }
    }
}
