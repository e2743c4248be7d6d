package dev.drift.ops.registry.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.drift.ops.registry.store.BoltItem;
import dev.drift.ops.registry.store.BoltKind;
import dev.drift.ops.registry.store.BlobUnlink;
import dev.drift.ops.registry.store.BoltTotals;
import dev.drift.ops.registry.store.ImmutableTagException;
import dev.drift.ops.registry.store.LockMode;
import dev.drift.ops.registry.store.LockedWork;
import dev.drift.ops.registry.store.ManifestDeletion;
import dev.drift.ops.registry.store.ManifestRecord;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.MissingReferencesException;
import dev.drift.ops.registry.store.NewManifest;
import dev.drift.ops.registry.store.Page;
import dev.drift.ops.registry.store.StoreUnavailableException;
import dev.drift.ops.registry.store.StoredBlob;
import dev.drift.ops.registry.store.TagPolicy;
import dev.drift.ops.registry.store.UploadSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link MetadataStore} over plain JDBC, for any engine a {@link SqlDialect} describes. The statements are
 * written once for SQLite and PostgreSQL alike; concurrent writers of the same row (two pushes linking one blob,
 * two pushes moving one tag) both succeed because every insert that may collide is an upsert
 * ({@code ON CONFLICT DO NOTHING / DO UPDATE}).
 *
 * <p>Timestamps are set by the store from the system clock and kept as epoch milliseconds.
 */
public final class SqlMetadataStore implements MetadataStore {

    private static final String MANIFEST_COLUMNS =
            "r.name, m.digest, m.media_type, m.size_bytes, m.subject, m.artifact_type, m.annotations, m.created_at";

    /** The repository rows that count as existing: those holding a manifest or a blob link. */
    private static final String REPOSITORY_IN_USE = "(EXISTS (SELECT 1 FROM manifests m WHERE m.repository_id = r.id)"
            + " OR EXISTS (SELECT 1 FROM repository_blobs b WHERE b.repository_id = r.id))";

    private final HikariDataSource pool;
    private final SqlDialect dialect;
    private final Transactions transactions;
    private final DatabaseLocks locks;

    private SqlMetadataStore(HikariDataSource pool, SqlDialect dialect, DatabaseLocks locks) {
        this.pool = pool;
        this.dialect = dialect;
        this.transactions = new Transactions(pool, dialect);
        this.locks = locks;
    }

    /**
     * Opens (creating it and its directories if needed) the SQLite database at {@code dbFile} and brings its
     * schema up to date.
     *
     * @throws StoreUnavailableException if the file cannot be created or is not a usable database
     * @throws IllegalStateException if the file's schema is newer than this code
     */
    public static SqlMetadataStore openSqlite(Path dbFile) {
        Path parent = dbFile.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot create the directory " + parent + " for the SQLite database", e);
        }
        SqliteDialect dialect = new SqliteDialect();
        return open(dialect.poolConfig(dbFile), dialect, pool -> LockFileLocks.of(dbFile));
    }

    /**
     * Connects to the PostgreSQL server {@code postgresUrl} names ({@code postgres://user:password@host:port/db},
     * see {@link PostgresUrl}) and brings the database's schema up to date. Several Drift processes may do this at
     * once against one database: one migrates, the others wait for it.
     *
     * @throws IllegalArgumentException if the URL is malformed (the message never repeats the URL)
     * @throws StoreUnavailableException if the server cannot be reached or refuses the login
     * @throws IllegalStateException if the database's schema is newer than this code
     */
    public static SqlMetadataStore openPostgres(String postgresUrl) {
        PostgresDialect dialect = new PostgresDialect();
        return open(dialect.poolConfig(PostgresUrl.parse(postgresUrl)), dialect, pool -> new AdvisoryLocks(pool, dialect));
    }

    /**
     * Starts a pool from {@code poolConfig}, migrates the schema and returns the store; on failure the pool is
     * closed again. This is the entry point for an engine that brings only its dialect and pool settings (ZQLite): its
     * content and collector locks hold within this process ({@link InProcessLocks}).
     */
    public static SqlMetadataStore open(HikariConfig poolConfig, SqlDialect dialect) {
        return open(poolConfig, dialect, pool -> new InProcessLocks());
    }

    /** As {@link #open(HikariConfig, SqlDialect)}, with the engine's cross-process locks, made once the pool is up. */
    private static SqlMetadataStore open(HikariConfig poolConfig, SqlDialect dialect,
                                         Function<HikariConfig, DatabaseLocks> locks) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig);
        } catch (HikariPool.PoolInitializationException e) {
            // The driver's own words say why (refused, unknown database, failed login); they never hold the password.
            throw new StoreUnavailableException("cannot connect to the " + dialect.name() + " metadata database: "
                    + driverCause(e).getMessage(), e);
        }
        SqlMetadataStore store;
        try {
            store = new SqlMetadataStore(pool, dialect, locks.apply(poolConfig));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        try {
            store.transactions.withConnection("migrate",
                    connection -> Migrations.migrate(connection, dialect, System.currentTimeMillis()));
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public void ping() {
        transactions.read("ping", connection -> Jdbc.single(connection, "SELECT 1"));
    }

    /**
     * Refreshes the planner's statistics of every table (ANALYZE, which both engines know). A live PostgreSQL
     * server's autovacuum does this within a minute of a bulk change; the store bench calls it between its
     * writes and its reads so that the reads are planned as they would be on such a server.
     */
    public void analyze() {
        transactions.withConnection("analyze", connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return null;
        });
    }

    // --- repositories -------------------------------------------------------------------------

    @Override
    public List<String> listRepositories(String last, int limit) {
        requireLimit(limit);
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT r.name FROM repositories r WHERE " + REPOSITORY_IN_USE);
        if (last != null) {
            sql.append(" AND r.name > ?");
            params.add(last);
        }
        sql.append(" ORDER BY r.name LIMIT ?");
        params.add(limit);
        return transactions.read("listRepositories",
                connection -> Jdbc.list(connection, sql.toString(), row -> row.getString(1), params.toArray()));
    }

    @Override
    public boolean repositoryExists(String repository) {
        return transactions.read("repositoryExists", connection -> Jdbc.first(connection,
                "SELECT 1 FROM repositories r WHERE r.name = ? AND " + REPOSITORY_IN_USE,
                row -> true, repository).isPresent());
    }

    // --- blobs --------------------------------------------------------------------------------

    @Override
    public void linkBlob(String repository, String digest, long size, String mediaType) {
        Objects.requireNonNull(digest, "blob digest");
        transactions.write("linkBlob", connection -> {
            link(connection, repository, digest, size, mediaType, nowMillis());
            return null;
        });
    }

    @Override
    public Optional<Long> linkedBlobSize(String repository, String digest) {
        return transactions.read("linkedBlobSize", connection -> Jdbc.first(connection, """
                SELECT b.size_bytes FROM repository_blobs rb
                JOIN repositories r ON r.id = rb.repository_id
                JOIN blobs b ON b.digest = rb.digest
                WHERE r.name = ? AND rb.digest = ?""", row -> row.getLong(1), repository, digest));
    }

    /**
     * Locks the link row first (PostgreSQL: FOR UPDATE), so a putManifest that found the link commits before the
     * reference check below runs, and that check, a statement of its own, sees its references.
     */
    @Override
    public BlobUnlink unlinkBlob(String repository, String digest) {
        return transactions.write("unlinkBlob", connection -> {
            Optional<Long> repositoryId = Jdbc.first(connection, "SELECT id FROM repositories WHERE name = ?",
                    row -> row.getLong(1), repository);
            if (repositoryId.isEmpty() || Jdbc.first(connection,
                    "SELECT 1 FROM repository_blobs WHERE repository_id = ? AND digest = ?" + dialect.updateRowLock(),
                    row -> true, repositoryId.get(), digest).isEmpty()) {
                return new BlobUnlink.NotLinked();
            }
            List<String> referencing = Jdbc.list(connection, """
                    SELECT m.digest FROM manifest_references mr JOIN manifests m ON m.id = mr.manifest_id
                    WHERE m.repository_id = ? AND mr.digest = ? AND mr.kind = 'blob'
                    ORDER BY m.digest""", row -> row.getString(1), repositoryId.get(), digest);
            if (!referencing.isEmpty()) {
                return new BlobUnlink.Referenced(referencing);
            }
            Jdbc.update(connection, "DELETE FROM repository_blobs WHERE repository_id = ? AND digest = ?",
                    repositoryId.get(), digest);
            return new BlobUnlink.Unlinked(!inUse(connection, digest));
        });
    }

    /**
     * True while the content under {@code digest} must stay in the blob store: a repository links it, a manifest
     * references it, a manifest is stored under it (manifest documents live in the blob store too), or a Bolt
     * item serves it as its content.
     */
    @Override
    public boolean isBlobInUse(String digest) {
        return transactions.read("isBlobInUse", connection -> inUse(connection, digest));
    }

    // --- manifests and tags -------------------------------------------------------------------

    @Override
    public void putManifest(String repository, NewManifest manifest, List<String> tags, TagPolicy policy) {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(manifest.digest(), "manifest digest");
        Objects.requireNonNull(manifest.mediaType(), "manifest media type");
        transactions.write("putManifest", connection -> {
            long now = nowMillis();
            long repositoryId = ensureRepository(connection, repository, now);
            requireReferences(connection, repository, repositoryId, manifest);
            // DO UPDATE (changing nothing) rather than DO NOTHING: it locks a row that is already there, so a
            // concurrent deleteManifest waits for this transaction instead of removing the row between this statement
            // and the tag's (PostgreSQL runs writers side by side; SQLite's one writer at a time never interleaves).
            long manifestId = Jdbc.single(connection, """
                    INSERT INTO manifests (repository_id, digest, media_type, size_bytes, subject, artifact_type,
                                           annotations, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (repository_id, digest) DO UPDATE SET digest = excluded.digest
                    RETURNING id""",
                    repositoryId, manifest.digest(), manifest.mediaType(), manifest.size(), manifest.subject(),
                    manifest.artifactType(), manifest.annotations(), now);
            // A digest names exact bytes: a manifest stored before has these references, and adding them changes nothing.
            addReferences(connection, manifestId, "blob", manifest.blobRefs());
            addReferences(connection, manifestId, "manifest", manifest.manifestRefs());
            // In one order, so two pushes that move the same tags lock them alike instead of deadlocking.
            for (String tag : tags.stream().sorted().distinct().toList()) {
                if (policy.isImmutable(tag)) {
                    keepImmutableTag(connection, repository, repositoryId, tag, manifestId, now);
                    continue;
                }
                Jdbc.update(connection, """
                        INSERT INTO tags (repository_id, name, manifest_id, updated_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (repository_id, name)
                        DO UPDATE SET manifest_id = excluded.manifest_id, updated_at = excluded.updated_at""",
                        repositoryId, tag, manifestId, now);
            }
            return null;
        });
    }

    /**
     * An immutable tag is inserted where it is new and otherwise left alone; then it must point at this manifest. On
     * PostgreSQL a concurrent first push of the same tag waits on the tag's unique index and then finds this one's.
     */
    private static void keepImmutableTag(Connection connection, String repository, long repositoryId, String tag,
                                         long manifestId, long now) throws SQLException {
        Jdbc.update(connection, """
                INSERT INTO tags (repository_id, name, manifest_id, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (repository_id, name) DO NOTHING""", repositoryId, tag, manifestId, now);
        Optional<String> elsewhere = Jdbc.first(connection, """
                SELECT m.digest FROM tags t JOIN manifests m ON m.id = t.manifest_id
                WHERE t.repository_id = ? AND t.name = ? AND t.manifest_id <> ?""",
                row -> row.getString(1), repositoryId, tag, manifestId);
        if (elsewhere.isPresent()) {
            throw new ImmutableTagException(repository, tag, elsewhere.get());
        }
    }

    @Override
    public Optional<ManifestRecord> findManifest(String repository, String digest) {
        return transactions.read("findManifest", connection -> Jdbc.first(connection,
                "SELECT " + MANIFEST_COLUMNS + " FROM manifests m JOIN repositories r ON r.id = m.repository_id"
                        + " WHERE r.name = ? AND m.digest = ?",
                SqlMetadataStore::manifest, repository, digest));
    }

    @Override
    public Optional<ManifestRecord> findManifestByTag(String repository, String tag) {
        return transactions.read("findManifestByTag", connection -> Jdbc.first(connection,
                "SELECT " + MANIFEST_COLUMNS + " FROM tags t"
                        + " JOIN repositories r ON r.id = t.repository_id"
                        + " JOIN manifests m ON m.id = t.manifest_id"
                        + " WHERE r.name = ? AND t.name = ?",
                SqlMetadataStore::manifest, repository, tag));
    }

    /**
     * Locks the manifest row first (PostgreSQL: FOR UPDATE), as {@link #unlinkBlob} locks the link. Deleting the row
     * deletes its tags and references with it (ON DELETE CASCADE).
     */
    @Override
    public ManifestDeletion deleteManifest(String repository, String digest, TagPolicy policy) {
        return transactions.write("deleteManifest", connection -> {
            Optional<long[]> ids = Jdbc.first(connection, """
                    SELECT m.id, m.repository_id FROM manifests m
                    WHERE m.digest = ? AND m.repository_id IN (SELECT id FROM repositories WHERE name = ?)"""
                            + dialect.updateRowLock(),
                    row -> new long[] {row.getLong(1), row.getLong(2)}, digest, repository);
            if (ids.isEmpty()) {
                return new ManifestDeletion.NotStored();
            }
            List<String> indexes = Jdbc.list(connection, """
                    SELECT m.digest FROM manifest_references mr JOIN manifests m ON m.id = mr.manifest_id
                    WHERE m.repository_id = ? AND mr.digest = ? AND mr.kind = 'manifest'
                    ORDER BY m.digest""", row -> row.getString(1), ids.get()[1], digest);
            if (!indexes.isEmpty()) {
                return new ManifestDeletion.Referenced(indexes);
            }
            List<String> immutable = Jdbc.list(connection, "SELECT name FROM tags WHERE manifest_id = ? ORDER BY name",
                    row -> row.getString(1), ids.get()[0]).stream().filter(policy::isImmutable).toList();
            if (!immutable.isEmpty()) {
                return new ManifestDeletion.Protected(immutable);
            }
            Jdbc.update(connection, "DELETE FROM manifests WHERE id = ?", ids.get()[0]);
            return new ManifestDeletion.Deleted();
        });
    }

    @Override
    public boolean deleteTag(String repository, String tag) {
        return transactions.write("deleteTag", connection -> Jdbc.update(connection, """
                DELETE FROM tags
                WHERE name = ? AND repository_id IN (SELECT id FROM repositories WHERE name = ?)""",
                tag, repository) > 0);
    }

    @Override
    public List<String> listTags(String repository, String last, int limit) {
        requireLimit(limit);
        List<Object> params = new ArrayList<>(List.of(repository));
        if (last != null) {
            params.add(last);
        }
        params.add(limit);
        return transactions.read("listTags", connection -> Jdbc.list(connection, listTagsQuery(last != null),
                row -> row.getString(1), params.toArray()));
    }

    /**
     * The page of tag names after an optional last one. The repository id comes from a scalar subquery, not a join:
     * PostgreSQL then reads the page straight off the tags primary key (repository_id, name) and stops after
     * {@code limit} rows, where over a join it reads and sorts every tag of the repository for each page
     * (SQLite walks the index either way).
     */
    static String listTagsQuery(boolean afterLast) {
        return "SELECT t.name FROM tags t WHERE t.repository_id = (SELECT id FROM repositories WHERE name = ?)"
                + (afterLast ? " AND t.name > ?" : "")
                + " ORDER BY t.name LIMIT ?";
    }

    @Override
    public List<ManifestRecord> findReferrers(String repository, String subjectDigest, String artifactType) {
        List<Object> params = new ArrayList<>(List.of(repository, subjectDigest));
        StringBuilder sql = new StringBuilder("SELECT " + MANIFEST_COLUMNS
                + " FROM manifests m JOIN repositories r ON r.id = m.repository_id WHERE r.name = ? AND m.subject = ?");
        if (artifactType != null) {
            sql.append(" AND m.artifact_type = ?");
            params.add(artifactType);
        }
        sql.append(" ORDER BY m.digest");
        return transactions.read("findReferrers",
                connection -> Jdbc.list(connection, sql.toString(), SqlMetadataStore::manifest, params.toArray()));
    }

    // --- upload sessions ----------------------------------------------------------------------

    /** @throws IllegalArgumentException if a session with the same id exists */
    @Override
    public void createUpload(UploadSession session) {
        Objects.requireNonNull(session, "upload session");
        Objects.requireNonNull(session.id(), "upload session id");
        Objects.requireNonNull(session.startedAt(), "upload session start time");
        // A session lost in a machine crash makes its client start the upload again (404 BLOB_UPLOAD_UNKNOWN);
        // completing it waits for the disk, and takes this commit there with it.
        int created = transactions.writeBookkeeping("createUpload", connection -> Jdbc.update(connection, """
                INSERT INTO upload_sessions (id, repository, started_at) VALUES (?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                session.id(), session.repository(), session.startedAt().toEpochMilli()));
        if (created == 0) {
            throw new IllegalArgumentException("upload session id " + session.id() + " is already in use");
        }
    }

    @Override
    public Optional<UploadSession> findUpload(String repository, String uploadId) {
        return transactions.read("findUpload", connection -> Jdbc.first(connection,
                "SELECT id, repository, started_at FROM upload_sessions WHERE id = ? AND repository = ?",
                row -> new UploadSession(row.getString(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3))),
                uploadId, repository));
    }

    @Override
    public boolean deleteUpload(String uploadId) {
        return transactions.write("deleteUpload",
                connection -> Jdbc.update(connection, "DELETE FROM upload_sessions WHERE id = ?", uploadId) > 0);
    }

    @Override
    public boolean completeUpload(String uploadId, String digest, long size) {
        Objects.requireNonNull(digest, "blob digest");
        return transactions.write("completeUpload", connection -> {
            Optional<String> repository = Jdbc.first(connection,
                    "DELETE FROM upload_sessions WHERE id = ? RETURNING repository", row -> row.getString(1), uploadId);
            if (repository.isEmpty()) {
                return false;
            }
            link(connection, repository.get(), digest, size, null, nowMillis());
            return true;
        });
    }

    // --- garbage collection --------------------------------------------------------------------

    /** The conditions under which manifest {@code m} is unreached in its repository (see {@link #unreachedManifests}). */
    private static final String UNREACHED = """
            m.created_at < ?
            AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.manifest_id = m.id)
            AND NOT EXISTS (SELECT 1 FROM manifest_references mr JOIN manifests p ON p.id = mr.manifest_id
                            WHERE p.repository_id = m.repository_id AND mr.kind = 'manifest' AND mr.digest = m.digest)
            AND (m.subject IS NULL OR NOT EXISTS (SELECT 1 FROM manifests s
                            WHERE s.repository_id = m.repository_id AND s.digest = m.subject))""";

    /** The conditions under which blob row {@code b} is unreferenced (see {@link #unreferencedBlobs}). */
    private static final String UNREFERENCED = """
            b.created_at < ?
            AND NOT EXISTS (SELECT 1 FROM manifest_references mr WHERE mr.digest = b.digest)
            AND NOT EXISTS (SELECT 1 FROM manifests m WHERE m.digest = b.digest)
            AND NOT EXISTS (SELECT 1 FROM bolt_items i WHERE i.content_digest = b.digest)
            AND NOT EXISTS (SELECT 1 FROM repository_blobs rb WHERE rb.digest = b.digest AND rb.created_at >= ?)""";

    @Override
    public List<ManifestRecord> unreachedManifests(Instant createdBefore) {
        return transactions.read("unreachedManifests", connection -> Jdbc.list(connection,
                "SELECT " + MANIFEST_COLUMNS + " FROM manifests m JOIN repositories r ON r.id = m.repository_id"
                        + " WHERE " + UNREACHED + " ORDER BY r.name, m.digest",
                SqlMetadataStore::manifest, createdBefore.toEpochMilli()));
    }

    /** Locks the row first (PostgreSQL: FOR UPDATE), then checks in a statement of its own, as deleteManifest does. */
    @Override
    public boolean deleteUnreachedManifest(String repository, String digest, Instant createdBefore) {
        return transactions.write("deleteUnreachedManifest", connection -> {
            Optional<Long> id = Jdbc.first(connection, """
                    SELECT m.id FROM manifests m
                    WHERE m.digest = ? AND m.repository_id IN (SELECT id FROM repositories WHERE name = ?)"""
                            + dialect.updateRowLock(), row -> row.getLong(1), digest, repository);
            if (id.isEmpty() || Jdbc.first(connection, "SELECT 1 FROM manifests m WHERE m.id = ? AND " + UNREACHED,
                    row -> true, id.get(), createdBefore.toEpochMilli()).isEmpty()) {
                return false;
            }
            Jdbc.update(connection, "DELETE FROM manifests WHERE id = ?", id.get());
            return true;
        });
    }

    @Override
    public List<StoredBlob> unreferencedBlobs(Instant createdBefore) {
        long cutoff = createdBefore.toEpochMilli();
        return transactions.read("unreferencedBlobs", connection -> Jdbc.list(connection,
                "SELECT b.digest, b.size_bytes FROM blobs b WHERE " + UNREFERENCED + " ORDER BY b.digest",
                row -> new StoredBlob(row.getString(1), row.getLong(2)), cutoff, cutoff));
    }

    /**
     * Locks the blob row and then its links (PostgreSQL: FOR UPDATE), so a putManifest holding a link FOR SHARE commits
     * before the check runs, and one that comes later finds the link gone; a new link waits on the row's lock.
     */
    @Override
    public boolean deleteUnreferencedBlob(String digest, Instant createdBefore) {
        long cutoff = createdBefore.toEpochMilli();
        return transactions.write("deleteUnreferencedBlob", connection -> {
            if (Jdbc.first(connection, "SELECT 1 FROM blobs WHERE digest = ?" + dialect.updateRowLock(),
                    row -> true, digest).isEmpty()) {
                return false;
            }
            Jdbc.list(connection, "SELECT repository_id FROM repository_blobs WHERE digest = ? ORDER BY repository_id"
                    + dialect.updateRowLock(), row -> row.getLong(1), digest);
            if (Jdbc.first(connection, "SELECT 1 FROM blobs b WHERE b.digest = ? AND " + UNREFERENCED,
                    row -> true, digest, cutoff, cutoff).isEmpty()) {
                return false;
            }
            Jdbc.update(connection, "DELETE FROM repository_blobs WHERE digest = ?", digest);
            Jdbc.update(connection, "DELETE FROM blobs WHERE digest = ?", digest);
            return true;
        });
    }

    @Override
    public List<UploadSession> uploadsStartedBefore(Instant startedBefore) {
        return transactions.read("uploadsStartedBefore", connection -> Jdbc.list(connection,
                "SELECT id, repository, started_at FROM upload_sessions WHERE started_at < ? ORDER BY started_at, id",
                row -> new UploadSession(row.getString(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3))),
                startedBefore.toEpochMilli()));
    }

    /**
     * The in-process lock keeps two collectors of this store apart; the dialect's lock, held on one connection for
     * the run, keeps other processes' collectors out.
     */
    @Override
    public <T> Optional<T> underCollectorLock(Supplier<T> work) {
        Optional<DatabaseLocks.Held> held = locks.tryCollector();
        if (held.isEmpty()) {
            return Optional.empty();
        }
        try (DatabaseLocks.Held lock = held.get()) {
            return Optional.of(work.get());
        }
    }

    @Override
    public <T> T underContentLock(String digest, LockMode mode, LockedWork<T> work) throws IOException {
        try (DatabaseLocks.Held lock = locks.content(digest, mode)) {
            return work.run();
        }
    }

    // --- Bolt profiles and plugins ------------------------------------------------------------

    /**
     * Inserts or replaces the item. The store owns the download count (zero for a new item, kept on replace) and
     * the timestamps (creation kept on replace, update set now); the values in {@code item} for those are ignored.
     */
    @Override
    public BoltItem saveBoltItem(BoltItem item) {
        return transactions.write("saveBoltItem", connection -> BoltItemTable.save(connection, item, Instant.now()));
    }

    @Override
    public Optional<BoltItem> findBoltItem(BoltKind kind, String name) {
        return transactions.read("findBoltItem", connection -> BoltItemTable.find(connection, kind, name));
    }

    /** @throws IllegalArgumentException if {@code page} or {@code perPage} is below 1 */
    @Override
    public Page<BoltItem> listBoltItems(BoltKind kind, String query, String tag, int page, int perPage) {
        return transactions.read("listBoltItems",
                connection -> BoltItemTable.list(connection, kind, query, tag, page, perPage));
    }

    @Override
    public boolean deleteBoltItem(BoltKind kind, String name) {
        return transactions.write("deleteBoltItem", connection -> BoltItemTable.delete(connection, kind, name));
    }

    @Override
    public boolean recordBoltDownload(BoltKind kind, String name) {
        return transactions.write("recordBoltDownload",
                connection -> BoltItemTable.recordDownload(connection, kind, name));
    }

    @Override
    public BoltTotals boltTotals() {
        return transactions.read("boltTotals", BoltItemTable::totals);
    }

    /** Closes the connection pool; afterwards every method throws {@link StoreUnavailableException}. */
    @Override
    public void close() {
        try (locks) {
            pool.close();
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    /** The repository's id, inserting the row first if this is its first use (safe against a concurrent insert). */
    private static long ensureRepository(Connection connection, String repository, long now) throws SQLException {
        Objects.requireNonNull(repository, "repository name");
        Jdbc.update(connection, "INSERT INTO repositories (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                repository, now);
        return Jdbc.single(connection, "SELECT id FROM repositories WHERE name = ?", repository);
    }

    /**
     * Creates the blob row if needed and links it into the repository (both idempotent). Linking again renews the
     * link's time: a push of content the registry already holds is a push in progress that garbage collection must
     * leave alone for its window.
     */
    private static void link(Connection connection, String repository, String digest, long size, String mediaType,
                             long now) throws SQLException {
        long repositoryId = ensureRepository(connection, repository, now);
        Jdbc.update(connection, """
                INSERT INTO blobs (digest, size_bytes, media_type, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (digest) DO NOTHING""", digest, size, mediaType, now);
        Jdbc.update(connection, """
                INSERT INTO repository_blobs (repository_id, digest, created_at) VALUES (?, ?, ?)
                ON CONFLICT (repository_id, digest) DO UPDATE SET created_at = excluded.created_at""",
                repositoryId, digest, now);
    }

    /** {@link #isBlobInUse}'s query on the caller's connection, so inside its transaction. */
    private static boolean inUse(Connection connection, String digest) throws SQLException {
        return Jdbc.single(connection, """
                SELECT CASE WHEN EXISTS (SELECT 1 FROM repository_blobs WHERE digest = ?)
                              OR EXISTS (SELECT 1 FROM manifest_references WHERE digest = ?)
                              OR EXISTS (SELECT 1 FROM manifests WHERE digest = ?)
                              OR EXISTS (SELECT 1 FROM bolt_items WHERE content_digest = ?)
                            THEN 1 ELSE 0 END""", digest, digest, digest, digest) == 1;
    }

    /**
     * Throws {@link MissingReferencesException} unless every blob reference is linked in the repository and every
     * child manifest is stored there. What it finds it share-locks (PostgreSQL: FOR SHARE), so an unlinkBlob or a
     * deleteManifest of it waits until this transaction has stored its references, then sees them and refuses; SQLite-like engines need no lock
     * since their write transaction already excludes every other writer.
     */
    private void requireReferences(Connection connection, String repository, long repositoryId, NewManifest manifest)
            throws SQLException {
        List<String> missingBlobs = missing(connection, "repository_blobs", repositoryId, manifest.blobRefs());
        List<String> missingManifests = missing(connection, "manifests", repositoryId, manifest.manifestRefs());
        if (!missingBlobs.isEmpty() || !missingManifests.isEmpty()) {
            throw new MissingReferencesException(repository, missingBlobs, missingManifests);
        }
    }

    /** The digests, in their order, that {@code table} (keyed by repository_id and digest) lacks for the repository. */
    private List<String> missing(Connection connection, String table, long repositoryId, List<String> digests)
            throws SQLException {
        List<String> wanted = digests.stream().distinct().sorted().toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(List.of(repositoryId));
        params.addAll(wanted);
        // Sorted, so two transactions lock the same rows in the same order.
        List<String> found = Jdbc.list(connection, "SELECT digest FROM " + table + " WHERE repository_id = ? AND digest IN ("
                        + String.join(", ", Collections.nCopies(wanted.size(), "?")) + ") ORDER BY digest"
                        + dialect.shareRowLock(),
                row -> row.getString(1), params.toArray());
        return digests.stream().distinct().filter(digest -> !found.contains(digest)).toList();
    }

    private static void addReferences(Connection connection, long manifestId, String kind, List<String> digests)
            throws SQLException {
        for (String digest : digests) {
            Jdbc.update(connection, """
                    INSERT INTO manifest_references (manifest_id, kind, digest) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""", manifestId, kind, Objects.requireNonNull(digest, kind + " reference"));
        }
    }

    private static ManifestRecord manifest(ResultSet row) throws SQLException {
        return new ManifestRecord(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getLong(4),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                Instant.ofEpochMilli(row.getLong(8)));
    }

    /** The innermost SQLException of the chain (the driver's own explanation), else the outermost throwable. */
    private static Throwable driverCause(Throwable e) {
        Throwable found = e;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                found = cause;
            }
        }
        return found;
    }

    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 or more, got " + limit);
        }
    }

    private static long nowMillis() {
        return System.currentTimeMillis();
    }
}
