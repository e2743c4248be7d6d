package dev.drift.ops.registry.oci;

import dev.drift.ops.registry.service.ContentRemovedException;
import dev.drift.ops.registry.service.StillReferencedException;
import dev.drift.ops.registry.service.TagImmutableException;
import dev.drift.ops.registry.service.RefusedException;
import dev.drift.ops.registry.service.UnknownContentException;

/** The spec's error code for each refusal a service gives under /v2. */
final class OciRefusals {

    private OciRefusals() {
    }

    static OciError code(RefusedException refusal) {
        return switch (refusal) {
            case UnknownContentException unknown -> switch (unknown.kind()) {
                case REPOSITORY -> OciError.NAME_UNKNOWN;
                case BLOB -> OciError.BLOB_UNKNOWN;
                case UPLOAD -> OciError.BLOB_UPLOAD_UNKNOWN;
                // Bolt items are never looked up under /v2; were one, "unknown manifest" is the nearest spec code.
                case MANIFEST, BOLT_ITEM -> OciError.MANIFEST_UNKNOWN;
            };
            // The spec has no code for "still in use"; DENIED says the registry will not do it, the message says why.
            case StillReferencedException referenced -> OciError.DENIED;
            case TagImmutableException immutable -> OciError.DENIED;
            case ContentRemovedException removed -> OciError.UNAVAILABLE;
        };
    }
}
