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
}
