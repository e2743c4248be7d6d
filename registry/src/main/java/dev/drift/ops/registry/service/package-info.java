/**
 * The registry's operations between HTTP and the two stores: each service decides the order of blob-store and
 * metadata-store calls for one kind of content (uploads, blobs, manifests, Bolt items) and the rules that order must
 * keep (a manifest's references exist, referenced content is never removed). The HTTP handlers translate requests into
 * these calls and their results and exceptions into answers. (Tag and catalog listings, plain reads with no order
 * to keep, still read the metadata store directly.)
 */
package dev.drift.ops.registry.service;
