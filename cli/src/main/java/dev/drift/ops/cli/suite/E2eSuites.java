package dev.drift.ops.cli.suite;

/** The suite this build of drift-ops runs. */
public final class E2eSuites {

    private E2eSuites() {
    }

    /** The end-to-end suite of module e2e/, bundled into the drift-ops jar. */
    public static E2eSuite bundled() {
        return new JUnitE2eSuite();
    }
}
