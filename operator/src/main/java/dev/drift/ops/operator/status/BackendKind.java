package dev.drift.ops.operator.status;

import dev.drift.ops.operator.crd.Backend;
import dev.drift.ops.operator.crd.DriftRegistrySpec;

/** Who runs the metadata database, which decides how the operator can tell whether it answers. */
public enum BackendKind {
    /** SQLite: a file on Drift's own claim; ready whenever Drift is. */
    EMBEDDED,
    /** PostgreSQL (managed) or ZQLite in a StatefulSet of the operator's: ready when its pod is. */
    RUN_BY_OPERATOR,
    /** A PostgreSQL outside the instance: only Drift's /readyz can tell. */
    EXTERNAL;

    public static BackendKind of(DriftRegistrySpec spec) {
        if (spec.backend() == Backend.SQLITE) {
            return EMBEDDED;
        }
        return spec.backend() == Backend.POSTGRES && !spec.postgres().runsOwnServer() ? EXTERNAL : RUN_BY_OPERATOR;
    }
}
