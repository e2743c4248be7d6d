package dev.drift.ops.registry.http;

import dev.drift.ops.registry.service.ContentRemovedException;
import dev.drift.ops.registry.service.StillReferencedException;
import dev.drift.ops.registry.service.TagImmutableException;
import dev.drift.ops.registry.service.RefusedException;
import dev.drift.ops.registry.service.UnknownContentException;

/** The HTTP status of each refusal a service gives, the same under /v2 and /v1. */
public final class RefusalStatus {

    private RefusalStatus() {
    }

    public static int of(RefusedException refusal) {
        return switch (refusal) {
            case UnknownContentException unknown -> 404;
            // The request is fine but conflicts with what the registry holds; retrying after removing that succeeds.
            case StillReferencedException referenced -> 409;
            // What the registry holds forbids it for good: push under another tag.
            case TagImmutableException immutable -> 409;
            // A removal of the same bytes ran at that moment; the push succeeds when sent again, as after a 503.
            case ContentRemovedException removed -> 503;
        };
    }
}
