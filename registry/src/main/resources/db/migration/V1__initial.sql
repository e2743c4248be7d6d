-- Drift metadata, version 1. Shared by every SQL backend: only the ${...} placeholders differ (see SqlDialect).
-- Timestamps are epoch milliseconds (BIGINT) so every engine stores and compares them the same way.
-- Statements are separated by a semicolon at the end of a line; comments take whole lines.

-- Seed table; created_at added by the store. Repository rows are created on first use and kept; a repository
-- "exists" while it has a manifest or a blob link.
CREATE TABLE repositories (
    id ${auto_id_primary_key},
    name ${byte_ordered_text} NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

-- Seed table: one row per distinct blob content, whichever repositories link it.
CREATE TABLE blobs (
    digest TEXT PRIMARY KEY,
    size_bytes BIGINT NOT NULL,
    media_type TEXT,
    created_at BIGINT NOT NULL
);

-- Which repository may serve which blob (pushes and cross-repository mounts add links).
CREATE TABLE repository_blobs (
    repository_id BIGINT NOT NULL REFERENCES repositories (id),
    digest TEXT NOT NULL REFERENCES blobs (digest),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (repository_id, digest)
);

-- Seed table, without its tag column: tags live in their own table so one manifest can carry many tags and a
-- tag can move. subject and artifact_type answer the referrers API.
CREATE TABLE manifests (
    id ${auto_id_primary_key},
    repository_id BIGINT NOT NULL REFERENCES repositories (id),
    digest TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    subject TEXT,
    artifact_type TEXT,
    annotations TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (repository_id, digest)
);

CREATE INDEX manifests_by_subject ON manifests (repository_id, subject);

-- A tag goes with its manifest (ON DELETE CASCADE deletes both under one lock, even when a push races the delete).
-- The primary key also serves "tags of a repository in name order".
CREATE TABLE tags (
    repository_id BIGINT NOT NULL REFERENCES repositories (id),
    name ${byte_ordered_text} NOT NULL,
    manifest_id BIGINT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (repository_id, name)
);

CREATE INDEX tags_by_manifest ON tags (manifest_id);

-- What a manifest points at: kind 'blob' (config, layers) or 'manifest' (children of an index). Kept by digest,
-- not by foreign key, so garbage collection can ask whether any manifest still needs a digest.
CREATE TABLE manifest_references (
    manifest_id BIGINT NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,
    digest TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (manifest_id, kind, digest)
);

CREATE INDEX manifest_references_by_digest ON manifest_references (digest);

-- Open blob uploads. Not tied to a repository row: an upload alone does not make a repository exist.
CREATE TABLE upload_sessions (
    id TEXT PRIMARY KEY,
    repository TEXT NOT NULL,
    started_at BIGINT NOT NULL
);

-- The seed's bolt_profiles, widened to hold plugins too (kind 'PROFILE' or 'PLUGIN', one namespace per kind),
-- with the uploaded JSON document and the downloadable content's digest, size and type.
CREATE TABLE bolt_items (
    id ${auto_id_primary_key},
    kind TEXT NOT NULL,
    name ${byte_ordered_text} NOT NULL,
    version TEXT NOT NULL,
    description TEXT,
    author TEXT,
    rating DOUBLE PRECISION NOT NULL,
    document TEXT NOT NULL,
    content_digest TEXT NOT NULL,
    content_size BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    downloads BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (kind, name)
);

CREATE INDEX bolt_items_by_content ON bolt_items (content_digest);

-- The seed's profile_tags, for items of either kind.
CREATE TABLE bolt_item_tags (
    item_id BIGINT NOT NULL REFERENCES bolt_items (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (item_id, tag)
);

CREATE INDEX bolt_item_tags_by_tag ON bolt_item_tags (tag);
