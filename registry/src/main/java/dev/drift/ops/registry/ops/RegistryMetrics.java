package dev.drift.ops.registry.ops;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The server's Prometheus metrics: per-route request counts and latencies, exchanges clients ended early, bytes moved,
 * upload sessions, and its memory ({@link MemoryMetrics}).
 */
public final class RegistryMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();

    public RegistryMetrics() {
        MemoryMetrics.register(registry, MemoryMetrics.PROC_STATUS);
    }

    private final Counter requests = Counter.builder()
            .name("drift_http_requests_total")
            .help("HTTP requests by route template, method and status")
            .labelNames("route", "method", "status")
            .register(registry);
    private final Counter clientAborts = Counter.builder()
            .name("drift_http_client_aborts_total")
            .help("Requests the client ended early, by route and reason: disconnected (closed the connection mid-body"
                    + " or mid-response) or stalled (sent no body for the idle timeout). Their 4xx status is in"
                    + " drift_http_requests_total; they are never server errors")
            .labelNames("route", "reason")
            .register(registry);
    private final Counter rateLimited = Counter.builder()
            .name("drift_http_rate_limited_total")
            .help("Requests refused with 429 by [registry] rate_limit_per_hour, by whose allowance ran out: user or"
                    + " address (auth off)")
            .labelNames("client")
            .register(registry);
    private final Counter gcRuns = Counter.builder()
            .name("drift_gc_runs_total")
            .help("Runs of the server's garbage collector ([registry] gc_interval) by outcome: done, busy (another"
                    + " collector held the database) or failed")
            .labelNames("outcome")
            .register(registry);
    private final Counter gcRemoved = Counter.builder()
            .name("drift_gc_removed_total")
            .help("What the server's garbage collector removed, by kind: blob or upload")
            .labelNames("kind")
            .register(registry);
    private final Counter gcFreed = Counter.builder()
            .name("drift_gc_freed_bytes_total")
            .help("Bytes of blob and upload files the server's garbage collector removed")
            .register(registry);
    private final Histogram latency = Histogram.builder()
            .name("drift_http_request_duration_seconds")
            .help("Time from request start to the last byte of the response")
            .labelNames("route", "method")
            .register(registry);
    private final Counter bytesIn = Counter.builder()
            .name("drift_http_received_bytes_total")
            .help("Request body bytes received")
            .register(registry);
    private final Counter bytesOut = Counter.builder()
            .name("drift_http_sent_bytes_total")
            .help("Response body bytes sent")
            .register(registry);
    private final Counter uploads = Counter.builder()
            .name("drift_upload_sessions_total")
            .help("Blob upload sessions by outcome: started, completed, cancelled")
            .labelNames("outcome")
            .register(registry);

    public PrometheusRegistry registry() {
        return registry;
    }

    public void recordRequest(String route, String method, int status, double seconds, long received, long sent) {
        requests.labelValues(route, method, Integer.toString(status)).inc();
        latency.labelValues(route, method).observe(seconds);
        bytesIn.inc(received);
        bytesOut.inc(sent);
    }

    public void recordClientAbort(String route, String reason) {
        clientAborts.labelValues(route, reason).inc();
    }

    public void recordRateLimited(String client) {
        rateLimited.labelValues(client).inc();
    }

    public void recordGcRun(String outcome) {
        gcRuns.labelValues(outcome).inc();
    }

    public void recordGcRemoved(int blobs, int uploads, long bytesFreed) {
        gcRemoved.labelValues("blob").inc(blobs);
        gcRemoved.labelValues("upload").inc(uploads);
        gcFreed.inc(bytesFreed);
    }

    public void uploadStarted() {
        uploads.labelValues("started").inc();
    }

    public void uploadCompleted() {
        uploads.labelValues("completed").inc();
    }

    public void uploadCancelled() {
        uploads.labelValues("cancelled").inc();
    }
}
