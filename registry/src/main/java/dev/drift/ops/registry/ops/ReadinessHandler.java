package dev.drift.ops.registry.ops;

import java.io.IOException;
import java.util.function.Supplier;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.drift.ops.registry.blob.BlobStore;
import dev.drift.ops.registry.http.Exchange;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.StoreUnavailableException;

/**
 * /readyz: 200 "Ready" only while the metadata database and the blob directory both answer, else 503 naming which
 * failed. When the database does not answer, {@code diagnosis} (if any) adds what is known about the server, e.g.
 * a ZQLite probe's findings.
 */
public final class ReadinessHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessHandler.class);

    private final MetadataStore store;
    private final BlobStore blobs;
    private final Supplier<String> diagnosis;

    public ReadinessHandler(MetadataStore store, BlobStore blobs) {
        this(store, blobs, null);
    }

    public ReadinessHandler(MetadataStore store, BlobStore blobs, Supplier<String> diagnosis) {
        this.store = store;
        this.blobs = blobs;
        this.diagnosis = diagnosis;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback);
        exchange.route("/readyz");
        String problem = problem();
        if (problem == null) {
            exchange.status(200).sendText("Ready");
        } else {
            LOG.warn("not ready: {}", problem);
            exchange.status(503).sendText("Not Ready: " + problem);
        }
        return true;
    }

    private String problem() {
        try {
            store.ping();
        } catch (StoreUnavailableException e) {
            return "metadata database: " + e.getMessage() + (diagnosis == null ? "" : "; " + diagnosis.get());
        }
        try {
            blobs.checkWritable();
        } catch (IOException | RuntimeException e) {
            return "blob storage: " + e.getMessage();
        }
        return null;
    }
}
