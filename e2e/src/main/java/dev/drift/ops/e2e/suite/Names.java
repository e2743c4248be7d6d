package dev.drift.ops.e2e.suite;

import java.security.SecureRandom;

/** Names no earlier run used, so the suite can run again and again against one long-lived registry. */
public final class Names {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Names() {
    }

    /** A fresh lower-case name such as {@code drift-e2e-k3v9x0a2qd}: valid as a repository path component and a Bolt name. */
    public static String unique() {
        StringBuilder name = new StringBuilder("drift-e2e-");
        for (int i = 0; i < 10; i++) {
            name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }
}
