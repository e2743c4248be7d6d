package dev.drift.ops.registry.oci;

import java.util.List;
import java.util.Map;

import dev.drift.ops.registry.http.Json;

/** The spec's error document, {@code {"errors":[{"code","message","detail"}]}}, in one place for every /v2 answer. */
final class OciErrorBody {

    private OciErrorBody() {
    }

    /** {@code detail} reaches the client: never put a secret in it. */
    static byte[] json(OciError error, String detail) {
        return Json.write(Map.of("errors", List.of(Map.of(
                "code", error.name(),
                "message", error.message(),
                "detail", detail == null ? "" : detail))));
    }
}
