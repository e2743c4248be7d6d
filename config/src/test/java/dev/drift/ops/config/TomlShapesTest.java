package dev.drift.ops.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The different ways TOML can spell the same settings all read the same. */
class TomlShapesTest {

    private static final String KEY_32 = "0123456789abcdef0123456789abcdef";

    @Test
    void dottedKeysAndInlineTablesReadLikeSections() throws ConfigException {
        DriftConfig dotted = parse("""
                [database]
                zqlite.enable_encryption = true
                zqlite.encryption_key = "%s"
                """.formatted(KEY_32));
        DriftConfig inline = parse("""
                [database]
                zqlite = { enable_encryption = true, encryption_key = "%s" }
                """.formatted(KEY_32));
        DriftConfig section = parse("""
                [database.zqlite]
                enable_encryption = true
                encryption_key = "%s"
                """.formatted(KEY_32));
        assertThat(dotted).isEqualTo(section).isEqualTo(inline);
        assertThat(section.database().zqlite().enableEncryption()).isTrue();
    }

    @Test
    void topLevelDottedKeysWork() throws ConfigException {
        assertThat(parse("server.workers = 3\n").server().workers()).isEqualTo(3);
    }

    @Test
    void quotedKeyWithADotIsNotAPath() {
        ConfigException error = ConfigErrors.parseError("\"server.workers\" = 3\n");
        assertThat(error.getMessage()).contains("unknown key");
        assertThat(error.line()).isEqualTo(1);
        assertThat(ConfigErrors.parseError("[\"auth.basic\"]\nusers = []\n").getMessage()).contains("unknown key");
    }

    @Test
    void windowsLineEndingsKeepLineNumbers() {
        ConfigException error = ConfigErrors.parseError("[auth.basic]\r\nusers = [\r\n  \"a:b\",\r\n  \"a:c\",\r\n]\r\n");
        assertThat(error).satisfies(ConfigErrors.namesKeyAndLine("auth.basic.users", 4));
    }

    @Test
    void commentsBetweenListEntriesDoNotShiftLines() {
        ConfigException error = ConfigErrors.parseError("""
                [registry]
                immutable_tags = [ # protected
                  # release tags
                  "release",

                  "",
                ]
                """);
        assertThat(error).satisfies(ConfigErrors.namesKeyAndLine("registry.immutable_tags", 6));
    }

    private static DriftConfig parse(String toml) throws ConfigException {
        return DriftConfig.parse(toml, "drift.toml", Map.of());
    }
}
