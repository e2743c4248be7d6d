package dev.drift.ops.registry.http;

/**
 * The paths of the APIs, which logins and rate limits guard: the OCI API (/v2) and the Bolt API (/v1/). Health,
 * readiness, metrics and the token endpoint are not among them, so probes, scrapers and logins always get through.
 */
public final class ApiPaths {

    private ApiPaths() {
    }

    public static boolean isApi(String path) {
        return path.startsWith("/v2") || path.startsWith("/v1/");
    }

    public static boolean isOci(String path) {
        return path.startsWith("/v2");
    }
}
