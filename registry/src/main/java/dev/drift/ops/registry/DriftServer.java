package dev.drift.ops.registry;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

import dev.drift.ops.config.DatabaseBackend;
import dev.drift.ops.config.DriftConfig;
import dev.drift.ops.registry.auth.AuthHandler;
import dev.drift.ops.registry.auth.BasicAuthenticator;
import dev.drift.ops.registry.auth.token.BearerAuthHandler;
import dev.drift.ops.registry.auth.token.TokenEndpoint;
import dev.drift.ops.registry.auth.token.TokenIssuer;
import dev.drift.ops.registry.blob.BlobStore;
import dev.drift.ops.registry.bolt.BoltApiHandler;
import dev.drift.ops.registry.gc.GarbageCollector;
import dev.drift.ops.registry.gc.OnlineCollector;
import dev.drift.ops.registry.http.AccessLogHandler;
import dev.drift.ops.registry.http.NotFoundHandler;
import dev.drift.ops.registry.http.RateLimitHandler;
import dev.drift.ops.registry.http.UnreadBodyHandler;
import dev.drift.ops.registry.oci.OciApiHandler;
import dev.drift.ops.registry.oci.OciErrorPage;
import dev.drift.ops.registry.ops.HealthHandler;
import dev.drift.ops.registry.ops.MetricsHandler;
import dev.drift.ops.registry.ops.ReadinessHandler;
import dev.drift.ops.registry.ops.RegistryMetrics;
import dev.drift.ops.registry.service.ImmutableTags;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.zqlite.ZqliteProbe;
import dev.drift.ops.registry.store.zqlite.ZqliteUrl;

/**
 * The Drift HTTP server: Jetty on virtual threads (an idle connection costs a selector key, a busy one
 * a virtual thread), with the handler chain access log -> unread body -> auth -> routes.
 */
public final class DriftServer implements AutoCloseable {

    /** A /readyz that probes ZQLite waits at most this long per probe step, so the caller's own timeout holds. */
    private static final Duration READINESS_PROBE_TIMEOUT = Duration.ofSeconds(1);

    /**
     * How long a connection may send nothing while the server waits for it (a request, or the rest of a body) before
     * Jetty gives up on it; Jetty's default, set here so it is visible. A body that stalls this long is answered 408.
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final Server jetty;
    private final ServerConnector connector;
    private final MetadataStore store;

    private DriftServer(Server jetty, ServerConnector connector, MetadataStore store) {
        this.jetty = jetty;
        this.connector = connector;
        this.store = store;
    }

    /** Starts serving {@code config} on its bind address with the given stores; the server owns the store from here. */
    public static DriftServer start(DriftConfig config, MetadataStore store, BlobStore blobs) throws Exception {
        return start(config, store, blobs, IDLE_TIMEOUT);
    }

    /** As {@link #start(DriftConfig, MetadataStore, BlobStore)} with another idle timeout, for tests of stalled clients. */
    public static DriftServer start(DriftConfig config, MetadataStore store, BlobStore blobs, Duration idleTimeout)
            throws Exception {
        Server jetty = new Server(new VirtualThreadPool());
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(config.server().host());
        connector.setPort(config.server().port());
        connector.setIdleTimeout(idleTimeout.toMillis());
        jetty.addConnector(connector);
        jetty.addBean(new NetworkConnectionLimit(config.server().maxConnections(), connector));
        RegistryMetrics metrics = new RegistryMetrics();
        jetty.setHandler(handlers(config, store, blobs, metrics));
        if (!config.registry().gcInterval().isZero()) {
            jetty.addBean(new OnlineCollector(new GarbageCollector(store, blobs,
                    OnlineCollector.window(Duration.ofDays(config.registry().minAgeDays())), Clock.systemUTC()),
                    config.registry().gcInterval(), metrics));
        }
        jetty.setErrorHandler(new OciErrorPage());
        jetty.setStopTimeout(5_000);
        try {
            jetty.start();
        } catch (Exception e) {
            store.close();
            throw e;
        }
        return new DriftServer(jetty, connector, store);
    }

    private static Handler handlers(DriftConfig config, MetadataStore store, BlobStore blobs, RegistryMetrics metrics) {
        long maxUploadBytes = config.registry().maxUploadSizeMb() * 1024 * 1024;
        PathMappingsHandler routes = new PathMappingsHandler();
        routes.addMapping(PathSpec.from("/v2/*"), new OciApiHandler(store, blobs, maxUploadBytes,
                new ImmutableTags(config.registry().immutableTags()), metrics));
        routes.addMapping(PathSpec.from("/v1/*"), new BoltApiHandler(store, blobs, maxUploadBytes));
        HealthHandler health = new HealthHandler();
        routes.addMapping(PathSpec.from("/health"), health);
        routes.addMapping(PathSpec.from("/healthz"), health);
        routes.addMapping(PathSpec.from("/readyz"), new ReadinessHandler(store, blobs, databaseDiagnosis(config)));
        if (config.metrics().enabled()) {
            routes.addMapping(PathSpec.from(config.metrics().endpoint()), new MetricsHandler(metrics));
        }
        routes.addMapping(PathSpec.from("/"), new NotFoundHandler());
        Handler guarded = routes;
        if (config.registry().rateLimitPerHour() > 0) {
            // Inside auth, which names the user whose allowance a request takes.
            guarded = new RateLimitHandler(guarded, config.registry().rateLimitPerHour(), metrics);
        }
        switch (config.auth().mode()) {
            case "basic" -> guarded = new AuthHandler(guarded, new BasicAuthenticator(config.auth().basicUsers()), "drift");
            case "token" -> {
                TokenIssuer issuer = new TokenIssuer(config.auth().jwtSecret(),
                        Duration.ofHours(config.auth().tokenExpiryHours()), Clock.systemUTC());
                routes.addMapping(PathSpec.from(TokenEndpoint.PATH),
                        new TokenEndpoint(new BasicAuthenticator(config.auth().basicUsers()), issuer));
                guarded = new BearerAuthHandler(guarded, issuer);
            }
            default -> {
                // "none": every request is let in; DriftRegistryMain refuses the modes this server does not serve.
            }
        }
        return new AccessLogHandler(new UnreadBodyHandler(guarded), metrics);
    }

    /** For ZQLite, what a quick probe of the server finds; other backends have no probe. */
    private static Supplier<String> databaseDiagnosis(DriftConfig config) {
        if (config.database().backend() != DatabaseBackend.ZQLITE) {
            return null;
        }
        ZqliteUrl url = ZqliteUrl.parse(config.database().zqliteUrl());
        ZqliteProbe probe = new ZqliteProbe(READINESS_PROBE_TIMEOUT, true);
        return () -> probe.run(url).summary();
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public URI uri() {
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "127.0.0.1" : connector.getHost();
        return URI.create("http://" + new InetSocketAddress(host, port()).getHostString() + ":" + port());
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() throws Exception {
        try {
            jetty.stop();
        } finally {
            store.close();
        }
    }
}
