package dev.drift.ops.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A setting this server parses but cannot honour is warned about, with the reason, whenever it asks for something
 * other than its default; the defaults (and what drift-ops renders) warn about nothing.
 */
class SettingsWithoutEffectTest {

    @Test
    void defaultsWarnAboutNothing() {
        assertThat(DriftConfig.defaults().warnings()).isEmpty();
    }

    @Test
    void eachSettingWithoutEffectSaysWhy() throws Exception {
        DriftConfig config = DriftConfig.parse("""
                [server]
                ui_addr = "0.0.0.0:9000"
                [auth]
                jwt_secret = "s3cret-value"
                token_expiry_hours = 2
                [bolt]
                enable_profile_validation = false
                enable_plugin_sandbox = false
                auto_update_profiles = true
                registry_url = "http://bolt.example"
                """, "drift.toml", Map.of());
        assertThat(config.warnings()).containsExactly(
                "[server] ui_addr: this server has no web UI; nothing listens on 0.0.0.0:9000",
                "[auth] jwt_secret: only used with mode = \"token\"; mode is \"none\"",
                "[auth] token_expiry_hours: only used with mode = \"token\"; mode is \"none\"",
                "[bolt] enable_profile_validation = false: this server checks every profile it stores (JSON with a name "
                        + "and a version) regardless",
                "[bolt] enable_plugin_sandbox = false: this server stores and serves plugins but never runs one, so "
                        + "there is no sandbox to turn off",
                "[bolt] auto_update_profiles = true: this server never changes a stored profile by itself; push a new "
                        + "version instead",
                "[bolt] registry_url: this server serves the Bolt API itself and never contacts http://bolt.example");
        assertThat(String.join("\n", config.warnings())).doesNotContain("s3cret-value");
    }
}
