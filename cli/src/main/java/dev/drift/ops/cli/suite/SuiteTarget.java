package dev.drift.ops.cli.suite;

import dev.drift.ops.config.Secret;

/** The registry a suite run checks; the password is a {@link Secret}, so this prints safely. */
public record SuiteTarget(String url, String user, Secret password) {
}
