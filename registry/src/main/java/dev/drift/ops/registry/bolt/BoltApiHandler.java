package dev.drift.ops.registry.bolt;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.drift.ops.registry.blob.BlobStore;
import dev.drift.ops.registry.http.ClientAbortException;
import dev.drift.ops.registry.http.Exchange;
import dev.drift.ops.registry.http.Json;
import dev.drift.ops.registry.http.RefusalStatus;
import dev.drift.ops.registry.service.BoltService;
import dev.drift.ops.registry.service.RefusedException;
import dev.drift.ops.registry.store.BoltItem;
import dev.drift.ops.registry.store.BoltKind;
import dev.drift.ops.registry.store.BoltTotals;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.Page;
import dev.drift.ops.registry.store.StoreUnavailableException;

/**
 * The Bolt API under /v1: profiles and plugins (list, search, get, download, upload, delete) and
 * /v1/metrics, translated to {@link BoltService} calls.
 */
public final class BoltApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(BoltApiHandler.class);
    private static final Pattern ROUTE = Pattern.compile("^/v1/(profiles|plugins)(?:/([^/]+))?(/download)?$");
    private static final int DEFAULT_PER_PAGE = 20;
    private static final int MAX_PER_PAGE = 100;
    /** Upload bodies are JSON held in memory while parsed, so they get a bound of their own. */
    private static final int MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

    private final BoltService bolt;
    private final int maxUploadBytes;

    public BoltApiHandler(MetadataStore store, BlobStore blobs, long maxUploadBytes) {
        this.bolt = new BoltService(store, blobs);
        this.maxUploadBytes = (int) Math.min(maxUploadBytes, MAX_UPLOAD_BYTES);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback);
        try {
            dispatch(exchange);
        } catch (BoltException e) {
            fail(exchange, e.status(), e.getMessage());
        } catch (RefusedException e) {
            fail(exchange, RefusalStatus.of(e), e.getMessage());
        } catch (ClientAbortException e) {
            // The client's failure, as under /v2: no stack trace; the access log line names the reason.
            fail(exchange, e.reason().status(), e.getMessage());
        } catch (StoreUnavailableException e) {
            LOG.warn("metadata store unavailable: {}", e.getMessage());
            fail(exchange, 503, "registry storage is unavailable, retry later");
        } catch (IOException | RuntimeException e) {
            LOG.error("{} {} failed", exchange.method(), exchange.path(), e);
            fail(exchange, 500, "internal error: " + e.getClass().getSimpleName());
        }
        return true;
    }

    private void dispatch(Exchange exchange) throws IOException {
        String path = exchange.path();
        if (path.equals("/v1/metrics")) {
            exchange.route("/v1/metrics");
            requireMethod(exchange, "GET");
            metrics(exchange);
            return;
        }
        Matcher m = ROUTE.matcher(path);
        if (!m.matches()) {
            exchange.route("/v1/unknown");
            throw new BoltException(404, "no such endpoint: " + path);
        }
        BoltKind kind = m.group(1).equals("profiles") ? BoltKind.PROFILE : BoltKind.PLUGIN;
        String name = m.group(2);
        boolean download = m.group(3) != null;
        String base = "/v1/" + kind.path();
        if (name == null) {
            exchange.route(base);
            requireMethod(exchange, "GET");
            list(exchange, kind, exchange.query("q"), exchange.query("tag"));
        } else if (download) {
            exchange.route(base + "/{name}/download");
            requireMethod(exchange, "GET", "HEAD");
            download(exchange, kind, name);
        } else if (name.equals("search")) {
            exchange.route(base + "/search");
            search(exchange, kind);
        } else if (name.equals("upload")) {
            exchange.route(base + "/upload");
            requireMethod(exchange, "POST", "PUT");
            upload(exchange, kind);
        } else {
            exchange.route(base + "/{name}");
            switch (exchange.method()) {
                case "GET", "HEAD" -> exchange.status(200).sendJson(Json.write(view(bolt.find(kind, name))));
                case "DELETE" -> {
                    bolt.delete(kind, name);
                    exchange.status(204).send();
                }
                default -> requireMethod(exchange, "GET", "HEAD", "DELETE");
            }
        }
    }

    private void list(Exchange exchange, BoltKind kind, String query, String tag) {
        int page = intParam(exchange.query("page"), "page", 1);
        int perPage = Math.min(intParam(exchange.query("per_page"), "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE);
        respondWithPage(exchange, bolt.list(kind, blankToNull(query), blankToNull(tag), page, perPage));
    }

    /** GET with {@code q}/{@code tag}, or upstream's POST with {@code {"query", "tags", "page", "per_page"}}. */
    private void search(Exchange exchange, BoltKind kind) throws IOException {
        if (exchange.method().equals("GET")) {
            list(exchange, kind, exchange.query("q"), exchange.query("tag"));
            return;
        }
        requireMethod(exchange, "POST");
        JsonNode body = readJson(exchange, 64 * 1024);
        String tag = body.path("tags").isArray() && !body.path("tags").isEmpty() ? body.path("tags").get(0).asText() : null;
        int page = body.path("page").asInt(1);
        int perPage = Math.min(body.path("per_page").asInt(DEFAULT_PER_PAGE), MAX_PER_PAGE);
        if (page < 1 || perPage < 1) {
            throw new BoltException(400, "page and per_page must be positive");
        }
        respondWithPage(exchange, bolt.list(kind, blankToNull(body.path("query").asText(null)), tag, page, perPage));
    }

    private void respondWithPage(Exchange exchange, Page<BoltItem> page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("results", page.results().stream().map(BoltApiHandler::view).toList());
        body.put("total", page.total());
        body.put("page", page.page());
        body.put("per_page", page.perPage());
        body.put("pages", page.pages());
        exchange.status(200).sendJson(Json.write(body));
    }

    private void upload(Exchange exchange, BoltKind kind) throws IOException {
        byte[] body;
        try (InputStream in = exchange.body()) {
            body = in.readNBytes(maxUploadBytes + 1);
        }
        if (body.length > maxUploadBytes) {
            throw new BoltException(413, "upload exceeds " + maxUploadBytes + " bytes");
        }
        BoltUpload upload = BoltUpload.parse(kind, body);
        Instant now = Instant.now();
        BoltItem saved = bolt.publish(new BoltItem(kind, upload.name(), upload.version(), upload.description(),
                upload.author(), upload.tags(), upload.rating(), upload.document().toString(), null,
                upload.content().length, upload.contentType(), 0, now, now), upload.content());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("message", kind.path().substring(0, kind.path().length() - 1) + " uploaded");
        response.put("name", saved.name());
        response.put("version", saved.version());
        response.put("digest", saved.contentDigest());
        exchange.status(201).header("Location", "/v1/" + kind.path() + "/" + saved.name()).sendJson(Json.write(response));
    }

    private void download(Exchange exchange, BoltKind kind, String name) throws IOException {
        BoltItem item = exchange.isHead() ? bolt.find(kind, name) : bolt.download(kind, name);
        exchange.status(200)
                .header("Content-Disposition", "attachment; filename=\"" + name + extension(item.contentType()) + "\"")
                .header("Docker-Content-Digest", item.contentDigest());
        try (InputStream content = exchange.isHead() ? InputStream.nullInputStream() : bolt.open(item)) {
            exchange.stream(item.contentType(), item.contentSize(), content);
        }
    }

    private void metrics(Exchange exchange) {
        BoltTotals totals = bolt.totals();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_profiles", totals.totalProfiles());
        body.put("total_plugins", totals.totalPlugins());
        body.put("total_downloads", totals.totalDownloads());
        body.put("profile_downloads", totals.profileDownloads());
        body.put("plugin_downloads", totals.pluginDownloads());
        exchange.status(200).sendJson(Json.write(body));
    }

    /** The item as clients see it: what was uploaded, plus what the registry maintains. */
    private static Map<String, Object> view(BoltItem item) {
        Map<String, Object> view = new LinkedHashMap<>();
        try {
            JsonNode document = Json.MAPPER.readTree(item.document());
            document.properties().forEach(field -> view.put(field.getKey(), field.getValue()));
        } catch (IOException e) {
            throw new IllegalStateException("stored document of " + item.name() + " is not JSON", e);
        }
        view.put("name", item.name());
        view.put("version", item.version());
        view.put("description", item.description());
        view.put("author", item.author());
        view.put("tags", item.tags());
        view.put("rating", item.rating());
        view.put("downloads", item.downloads());
        view.put("content_digest", item.contentDigest());
        view.put("content_size", item.contentSize());
        view.put("content_type", item.contentType());
        view.put("created_at", item.createdAt().toString());
        view.put("updated_at", item.updatedAt().toString());
        return view;
    }

    private static JsonNode readJson(Exchange exchange, int limit) throws IOException {
        byte[] body;
        try (InputStream in = exchange.body()) {
            body = in.readNBytes(limit + 1);
        }
        if (body.length > limit) {
            throw new BoltException(413, "request body exceeds " + limit + " bytes");
        }
        if (body.length == 0) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (!(node instanceof ObjectNode)) {
                throw new BoltException(400, "request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new BoltException(400, "request body is not valid JSON");
        }
    }

    private static int intParam(String value, String name, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new BoltException(400, name + " must be a positive integer, not '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String extension(String contentType) {
        return contentType.endsWith("+toml") ? ".toml" : contentType.equals("application/json") ? ".json" : "";
    }

    private static void requireMethod(Exchange exchange, String... allowed) {
        if (!List.of(allowed).contains(exchange.method())) {
            throw new BoltException(405, "method " + exchange.method() + " is not allowed on " + exchange.path());
        }
    }

    private static void fail(Exchange exchange, int status, String message) {
        if (exchange.isCommitted()) {
            exchange.abort(new IllegalStateException(message));
            return;
        }
        exchange.status(status).sendJson(Json.write(Map.of("error", message)));
    }
}
