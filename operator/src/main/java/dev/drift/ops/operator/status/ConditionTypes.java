package dev.drift.ops.operator.status;

import java.util.List;

/** The condition types of a DriftRegistry's status, in the order they are reported. */
public final class ConditionTypes {

    /** Drift answers: the registry's pods are all ready and running the current template. */
    public static final String READY = "Ready";
    /** The metadata database Drift uses answers (for sqlite: always, it is a file of Drift's own). */
    public static final String BACKEND_READY = "BackendReady";
    /** The resource and the Secrets it names could be turned into objects, and those were applied. */
    public static final String CONFIG_RENDERED = "ConfigRendered";

    public static final List<String> ALL = List.of(READY, BACKEND_READY, CONFIG_RENDERED);

    private ConditionTypes() {
    }
}
