package dev.drift.ops.operator.model;

import dev.drift.ops.deploy.Layout;

/**
 * Names of the objects of one instance that have no component of their own in the deployment
 * model. StatefulSets and Services take their component's {@code objectName}; everything else is
 * named after the instance the same way ({@code drift-NAME-<what>}).
 */
public final class ObjectNames {

    /** The login the operator generates when the resource names none: keys {@value #USERNAME_KEY} and {@value #PASSWORD_KEY}. */
    public static final String USERNAME_KEY = "username";
    public static final String PASSWORD_KEY = "password";
    /** Name of Drift's data claim template; claims are {@code data-<statefulset>-<ordinal>}. */
    public static final String DATA_CLAIM = "data";

    private ObjectNames() {
    }

    /** {@code drift-NAME-auth}: the generated login (username, password). */
    public static String generatedLogin(String instance) {
        return Layout.container(instance, "auth");
    }

    /** {@code drift-NAME-basic-users}: the {@code [auth.basic] users} entry Drift reads as a file. */
    public static String basicUsers(String instance) {
        return Layout.container(instance, "basic-users");
    }

    /** {@code drift-NAME-config}: the ConfigMap holding drift.toml. */
    public static String config(String instance) {
        return Layout.container(instance, "config");
    }

    /** {@code drift-NAME-postgres}: the managed PostgreSQL's password and the URL Drift reaches it with. */
    public static String postgresCredentials(String instance) {
        return Layout.container(instance, Layout.POSTGRES);
    }

    /** The data claim the StatefulSet controller makes for pod {@code ordinal} of {@code statefulSet}. */
    public static String dataClaim(String statefulSet, int ordinal) {
        return DATA_CLAIM + "-" + statefulSet + "-" + ordinal;
    }
}
