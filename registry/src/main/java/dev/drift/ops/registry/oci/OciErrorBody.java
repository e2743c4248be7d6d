package dev.drift.ops.registry.oci;

import dev.drift.ops.registry.http.ErrorAnswer;

/** The spec's error document, {@code {"errors":[{"code","message","detail"}]}}, in one place for every /v2 answer. */
final class OciErrorBody {

    private OciErrorBody() {
    }

    /** {@code detail} reaches the client: never put a secret in it. */
    static byte[] json(OciError error, String detail) {
        return ErrorAnswer.json(error.name(), error.message(), detail);
    }
}
