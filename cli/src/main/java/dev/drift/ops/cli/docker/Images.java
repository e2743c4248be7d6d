package dev.drift.ops.cli.docker;

import dev.drift.ops.deploy.ProjectVersion;
import dev.drift.ops.deploy.DefaultImages;

/**
 * Image names drift-ops builds and deploys, in one place: the CLI's defaults, the compose file and
 * the tests all take them from here. The public base images are the defaults; on a machine without
 * a registry {@code scripts/build-base-images.sh} builds local substitutes, chosen through the
 * environment variables named here.
 */
public final class Images {

    /** The JRE the Drift image is built on (build argument {@code JRE_IMAGE}). */
    public static final String JRE_DEFAULT = "eclipse-temurin:21-jre";
    public static final String JRE_ENV = "DRIFT_JRE_IMAGE";

    /** The PostgreSQL the docker target runs (any image with the official image's environment interface). */
    public static final String POSTGRES_DEFAULT = DefaultImages.POSTGRES;
    public static final String POSTGRES_ENV = "DRIFT_POSTGRES_IMAGE";

    /** The Debian the drift-zqlite image is built and run on (build argument {@code BASE_IMAGE}). */
    public static final String BASE_DEFAULT = "debian:bookworm-slim";
    public static final String BASE_ENV = "DRIFT_BASE_IMAGE";

    /** Repository of the image {@code drift-ops build drift} makes; tagged with drift-ops' version. */
    public static final String DRIFT_REPOSITORY = DefaultImages.DRIFT_REPOSITORY;
    /** Repository of the image {@code drift-ops build zqlite} makes; tagged with ZQLite's version. */
    public static final String ZQLITE_REPOSITORY = "drift-zqlite";

    /** Repository of the image {@code drift-ops build seaweedfs} makes; tagged with SeaweedFS's pinned version. */
    public static final String SEAWEEDFS_REPOSITORY = "drift-seaweedfs";

    /** Repository of the image {@code drift-ops build operator} makes; tagged with drift-ops' version. */
    public static final String OPERATOR_REPOSITORY = DefaultImages.OPERATOR_REPOSITORY;

    private Images() {
    }

    /** {@code drift-zqlite:latest}: what build zqlite tags besides the version, and what runs ZQLite by default. */
    public static String zqlite() {
        return ZQLITE_REPOSITORY + ":latest";
    }

    /** {@code drift-seaweedfs:latest}: what build seaweedfs tags besides the version, and what --storage s3 runs. */
    public static String seaweedfs() {
        return SEAWEEDFS_REPOSITORY + ":latest";
    }

    /** {@code drift-operator:<drift-ops version>}: what build operator tags and up --target k8s installs. */
    public static String operator() {
        return OPERATOR_REPOSITORY + ":" + ProjectVersion.get();
    }

    /** {@code drift:<drift-ops version>}: what build drift tags and up deploys by default. */
    public static String drift() {
        return DefaultImages.drift(ProjectVersion.get());
    }
}
