package dev.drift.ops.registry.oci;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.drift.ops.registry.blob.BlobStore;
import dev.drift.ops.registry.blob.BlobTooLargeException;
import dev.drift.ops.registry.blob.DigestMismatchException;
import dev.drift.ops.registry.blob.InvalidDigestException;
import dev.drift.ops.registry.http.ClientAbortException;
import dev.drift.ops.registry.http.Exchange;
import dev.drift.ops.registry.http.Json;
import dev.drift.ops.registry.http.RefusalStatus;
import dev.drift.ops.registry.ops.RegistryMetrics;
import dev.drift.ops.registry.service.BlobService;
import dev.drift.ops.registry.service.ManifestService;
import dev.drift.ops.registry.service.ImmutableTags;
import dev.drift.ops.registry.service.ListingService;
import dev.drift.ops.registry.service.RefusedException;
import dev.drift.ops.registry.service.UploadService;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.StoreUnavailableException;

/**
 * The OCI Distribution API under /v2: matches the route, hands the exchange to the API class for that
 * resource, and turns every failure into the spec's error body.
 */
public final class OciApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(OciApiHandler.class);

    private final BlobsApi blobs;
    private final UploadsApi uploads;
    private final ManifestsApi manifests;
    private final ListingsApi listings;

    public OciApiHandler(MetadataStore store, BlobStore blobStore, long maxUploadBytes, ImmutableTags immutableTags,
                         RegistryMetrics metrics) {
        this.blobs = new BlobsApi(new BlobService(store, blobStore));
        this.uploads = new UploadsApi(new UploadService(store, blobStore, maxUploadBytes, metrics));
        this.manifests = new ManifestsApi(new ManifestService(store, blobStore, immutableTags));
        this.listings = new ListingsApi(new ListingService(store));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback);
        exchange.header("Docker-Distribution-API-Version", "registry/2.0");
        try {
            OciRoute route = OciRoute.match(exchange.path())
                    .orElseThrow(() -> new OciException(OciError.UNSUPPORTED, 404, "no such endpoint: " + exchange.path()));
            exchange.route(route.kind().template());
            dispatch(route, exchange);
        } catch (OciException e) {
            fail(exchange, e.status(), e.error(), e.getMessage(), e);
        } catch (RefusedException e) {
            fail(exchange, RefusalStatus.of(e), OciRefusals.code(e), e.getMessage(), e);
        } catch (InvalidDigestException e) {
            fail(exchange, OciError.DIGEST_INVALID.status(), OciError.DIGEST_INVALID, e.getMessage(), e);
        } catch (DigestMismatchException e) {
            fail(exchange, OciError.DIGEST_INVALID.status(), OciError.DIGEST_INVALID, e.getMessage(), e);
        } catch (BlobTooLargeException e) {
            // SIZE_INVALID means "length did not match content length"; a blob over the limit is an upload refused.
            fail(exchange, 413, OciError.BLOB_UPLOAD_INVALID, e.getMessage(), e);
        } catch (ClientAbortException e) {
            // The client's failure, not the server's: no stack trace here; the access log line names the reason.
            fail(exchange, e.reason().status(), OciError.SIZE_INVALID, e.getMessage(), e);
        } catch (StoreUnavailableException e) {
            LOG.warn("metadata store unavailable: {}", e.getMessage());
            fail(exchange, OciError.UNAVAILABLE.status(), OciError.UNAVAILABLE, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            LOG.error("{} {} failed", exchange.method(), exchange.path(), e);
            fail(exchange, 500, OciError.UNAVAILABLE, "internal error: " + e.getClass().getSimpleName(), e);
        }
        return true;
    }

    private void dispatch(OciRoute route, Exchange exchange) throws IOException {
        String method = exchange.method();
        switch (route.kind()) {
            case BASE -> {
                requireMethod(method, "GET", "HEAD");
                exchange.status(200).sendJson(Json.write(Map.of()));
            }
            case CATALOG -> {
                requireMethod(method, "GET");
                listings.catalog(exchange);
            }
            case TAGS -> {
                requireMethod(method, "GET");
                listings.tags(exchange, route.name());
            }
            case REFERRERS -> {
                requireMethod(method, "GET");
                manifests.referrers(exchange, route.name(), route.reference());
            }
            case BLOB -> blobs.handle(exchange, route.name(), route.reference());
            case UPLOAD_START -> {
                requireMethod(method, "POST");
                uploads.start(exchange, route.name());
            }
            case UPLOAD -> uploads.handle(exchange, route.name(), route.reference());
            case MANIFEST -> manifests.handle(exchange, route.name(), route.reference());
        }
    }

    static void requireMethod(String method, String... allowed) {
        if (!List.of(allowed).contains(method)) {
            throw new OciException(OciError.UNSUPPORTED, "method " + method + " is not allowed here");
        }
    }

    private static void fail(Exchange exchange, int status, OciError error, String detail, Exception cause) {
        if (exchange.isCommitted()) {
            exchange.abort(cause);
            return;
        }
        exchange.status(status).sendJson(OciErrorBody.json(error, detail));
    }
}
