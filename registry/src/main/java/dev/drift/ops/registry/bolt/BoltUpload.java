package dev.drift.ops.registry.bolt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.drift.ops.registry.http.Json;
import dev.drift.ops.registry.store.BoltKind;

/**
 * A parsed upload request. The body is upstream Drift's shape, {@code {"profile": {...}, "metadata": {...}}}
 * (or {@code "plugin"}), with the item itself also accepted at the top level, plus the downloadable file as
 * {@code "content"} (text) or {@code "content_base64"} (binary). Without either, the item's JSON is what
 * a download returns.
 */
record BoltUpload(BoltKind kind, String name, String version, String description, String author,
                  List<String> tags, double rating, ObjectNode document, byte[] content, String contentType) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    private static final Set<String> RESERVED_NAMES = Set.of("search", "upload");

    static BoltUpload parse(BoltKind kind, byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new BoltException(400, "upload body is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BoltException(400, "upload body must be a JSON object");
        }
        String singular = kind == BoltKind.PROFILE ? "profile" : "plugin";
        JsonNode item = root.has(singular) ? root.get(singular) : root;
        if (!item.isObject()) {
            throw new BoltException(400, "'" + singular + "' must be a JSON object");
        }
        ObjectNode document = ((ObjectNode) item).deepCopy();
        document.remove(List.of("content", "content_base64", "downloads"));
        if (root.has("metadata") && root.get("metadata").isObject()) {
            document.set("metadata", root.get("metadata"));
        }
        String name = requiredText(item, "name");
        if (!NAME.matcher(name).matches()) {
            throw new BoltException(400, "name '" + name + "' must be lower-case letters, digits, '.', '_' or '-' (at most 128)");
        }
        if (RESERVED_NAMES.contains(name)) {
            throw new BoltException(400, "name '" + name + "' is reserved by the API path /v1/" + kind.path() + "/" + name);
        }
        String version = requiredText(item, "version");
        double rating = item.path("rating").asDouble(0.0);
        if (rating < 0 || rating > 5) {
            throw new BoltException(400, "rating must be between 0 and 5, not " + rating);
        }
        byte[] content;
        String contentType;
        if (root.hasNonNull("content")) {
            content = root.get("content").asText().getBytes(StandardCharsets.UTF_8);
            contentType = "application/vnd.bolt." + singular + ".v1+toml";
        } else if (root.hasNonNull("content_base64")) {
            try {
                content = Base64.getDecoder().decode(root.get("content_base64").asText());
            } catch (IllegalArgumentException e) {
                throw new BoltException(400, "content_base64 is not valid base64");
            }
            contentType = "application/octet-stream";
        } else {
            content = Json.write(document);
            contentType = "application/json";
        }
        return new BoltUpload(kind, name, version, optionalText(item, "description"), optionalText(item, "author"),
                tags(item), rating, document, content, contentType);
    }

    private static String requiredText(JsonNode item, String field) {
        JsonNode value = item.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new BoltException(400, "field '" + field + "' is required and must be a non-empty string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value != null && value.isTextual() ? value.asText() : "";
    }

    private static List<String> tags(JsonNode item) {
        JsonNode value = item.get("tags");
        List<String> tags = new ArrayList<>();
        if (value == null || value.isNull()) {
            return tags;
        }
        if (!value.isArray()) {
            throw new BoltException(400, "field 'tags' must be an array of strings");
        }
        value.forEach(tag -> {
            if (!tag.isTextual()) {
                throw new BoltException(400, "field 'tags' must be an array of strings");
            }
            tags.add(tag.asText());
        });
        return tags;
    }
}
