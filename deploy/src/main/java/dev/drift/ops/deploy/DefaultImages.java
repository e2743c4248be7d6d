package dev.drift.ops.deploy;

/**
 * The images an instance runs when nobody names others: the public names users get by default.
 * (Machines without a registry use local substitutes, which the tests name explicitly.)
 */
public final class DefaultImages {

    /** Repository of the Drift image {@code drift-ops build drift} makes, tagged with the drift-ops version. */
    public static final String DRIFT_REPOSITORY = "drift";
    /** Repository of the operator image {@code drift-ops build operator} makes, tagged with the drift-ops version. */
    public static final String OPERATOR_REPOSITORY = "drift-operator";
    /** Any image with the official postgres image's environment interface will do. */
    public static final String POSTGRES = "postgres:17";

    private DefaultImages() {
    }

    /** {@code drift:<version>}. */
    public static String drift(String version) {
        return DRIFT_REPOSITORY + ":" + version;
    }
}
