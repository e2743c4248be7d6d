package dev.drift.ops.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Things that work but deserve an operator's attention. */
final class ConfigWarnings {

    private ConfigWarnings() {
    }

    static List<String> of(DriftConfig config) {
        List<String> warnings = new ArrayList<>();
        for (BasicUser user : config.auth().basicUsers()) {
            if (!user.isBcrypt()) {
                warnings.add(ConfigKeys.AUTH_BASIC_USERS.label() + ": user '" + user.name()
                        + "' has a plain-text password; use a bcrypt hash");
            }
        }
        warnings.addAll(settingsWithoutEffect(config));
        Map<String, List<String>> ignoredBySection = new LinkedHashMap<>();
        for (String dotted : config.ignoredKeys()) {
            int dot = dotted.lastIndexOf('.');
            ignoredBySection.computeIfAbsent(dotted.substring(0, dot), section -> new ArrayList<>())
                    .add(dotted.substring(dot + 1));
        }
        ignoredBySection.forEach((section, names) -> warnings.add("[" + section + "] " + String.join(", ", names)
                + ": upstream Drift setting" + (names.size() > 1 ? "s" : "") + " this server ignores"));
        return warnings;
    }

    /**
     * Settings this server parses but cannot honour, set to anything but their default: each says why, so nobody
     * believes a setting works that does not. (Their defaults ask for nothing this server lacks.)
     */
    private static List<String> settingsWithoutEffect(DriftConfig config) {
        DriftConfig defaults = DriftConfig.defaults();
        List<String> warnings = new ArrayList<>();
        if (!config.server().uiAddr().equals(defaults.server().uiAddr())) {
            warnings.add(ConfigKeys.SERVER_UI_ADDR.label() + ": this server has no web UI; nothing listens on "
                    + config.server().uiAddr());
        }
        if (!config.auth().mode().equals("token")) {
            if (!config.auth().jwtSecret().isEmpty()) {
                warnings.add(ConfigKeys.AUTH_JWT_SECRET.label() + ": only used with mode = \"token\"; mode is \""
                        + config.auth().mode() + "\"");
            }
            if (config.auth().tokenExpiryHours() != defaults.auth().tokenExpiryHours()) {
                warnings.add(ConfigKeys.AUTH_TOKEN_EXPIRY_HOURS.label() + ": only used with mode = \"token\"; mode is \""
                        + config.auth().mode() + "\"");
            }
        }
        if (!config.storage().isS3() && !config.storage().s3().equals(defaults.storage().s3())) {
            warnings.add("[storage.s3]: only used with [storage] backend = \"s3\"; backend is \""
                    + config.storage().backend() + "\"");
        }
        BoltConfig bolt = config.bolt();
        if (bolt.enableProfileValidation() != defaults.bolt().enableProfileValidation()) {
            warnings.add(ConfigKeys.BOLT_ENABLE_PROFILE_VALIDATION.label() + " = false: this server checks every "
                    + "profile it stores (JSON with a name and a version) regardless");
        }
        if (bolt.enablePluginSandbox() != defaults.bolt().enablePluginSandbox()) {
            warnings.add(ConfigKeys.BOLT_ENABLE_PLUGIN_SANDBOX.label() + " = false: this server stores and serves "
                    + "plugins but never runs one, so there is no sandbox to turn off");
        }
        if (bolt.autoUpdateProfiles() != defaults.bolt().autoUpdateProfiles()) {
            warnings.add(ConfigKeys.BOLT_AUTO_UPDATE_PROFILES.label() + " = true: this server never changes a stored "
                    + "profile by itself; push a new version instead");
        }
        if (!bolt.registryUrl().equals(defaults.bolt().registryUrl())) {
            warnings.add(ConfigKeys.BOLT_REGISTRY_URL.label() + ": this server serves the Bolt API itself and never "
                    + "contacts " + bolt.registryUrl());
        }
        return warnings;
    }
}
