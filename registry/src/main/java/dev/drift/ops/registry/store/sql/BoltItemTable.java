package dev.drift.ops.registry.store.sql;

import dev.drift.ops.registry.store.BoltItem;
import dev.drift.ops.registry.store.BoltKind;
import dev.drift.ops.registry.store.BoltTotals;
import dev.drift.ops.registry.store.Page;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The statements behind the Bolt half of the store: tables {@code bolt_items} and {@code bolt_item_tags}. Callers
 * supply the connection and the transaction; an item's tags come back in lexical order.
 */
final class BoltItemTable {

    private static final String COLUMNS = "i.id, i.kind, i.name, i.version, i.description, i.author, i.rating, "
            + "i.document, i.content_digest, i.content_size, i.content_type, i.downloads, i.created_at, i.updated_at";

    /** An item as read, before its tags are attached. */
    private record Row(long id, BoltItem item) {
    }

    /** One kind's line of the totals. */
    private record KindTotals(BoltKind kind, long items, long downloads) {
    }

    private BoltItemTable() {
    }

    /**
     * Inserts the item or replaces the one with its kind and name. The store keeps the download count and the
     * creation time of a replaced item (a new item starts at zero downloads) and sets the update time.
     */
    static BoltItem save(Connection connection, BoltItem item, Instant now) throws SQLException {
        requireComplete(item);
        long nowMillis = now.toEpochMilli();
        Jdbc.update(connection, """
                INSERT INTO bolt_items (kind, name, version, description, author, rating, document,
                                        content_digest, content_size, content_type, downloads, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
                ON CONFLICT (kind, name) DO UPDATE SET
                    version = excluded.version, description = excluded.description, author = excluded.author,
                    rating = excluded.rating, document = excluded.document,
                    content_digest = excluded.content_digest, content_size = excluded.content_size,
                    content_type = excluded.content_type, updated_at = excluded.updated_at""",
                item.kind().name(), item.name(), item.version(), item.description(), item.author(), item.rating(),
                item.document(), item.contentDigest(), item.contentSize(), item.contentType(), nowMillis, nowMillis);
        long id = Jdbc.single(connection, "SELECT id FROM bolt_items WHERE kind = ? AND name = ?",
                item.kind().name(), item.name());
        Jdbc.update(connection, "DELETE FROM bolt_item_tags WHERE item_id = ?", id);
        for (String tag : item.tags()) {
            Jdbc.update(connection, "INSERT INTO bolt_item_tags (item_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    id, Objects.requireNonNull(tag, "bolt item tag"));
        }
        return find(connection, item.kind(), item.name()).orElseThrow();
    }

    static Optional<BoltItem> find(Connection connection, BoltKind kind, String name) throws SQLException {
        List<Row> rows = Jdbc.list(connection,
                "SELECT " + COLUMNS + " FROM bolt_items i WHERE i.kind = ? AND i.name = ?",
                BoltItemTable::row, kind.name(), name);
        return withTags(connection, rows).stream().findFirst();
    }

    static Page<BoltItem> list(Connection connection, BoltKind kind, String query, String tag, int page, int perPage)
            throws SQLException {
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, got " + page);
        }
        if (perPage < 1) {
            throw new IllegalArgumentException("per_page must be 1 or more, got " + perPage);
        }
        StringBuilder where = new StringBuilder(" WHERE i.kind = ?");
        List<Object> params = new ArrayList<>(List.of(kind.name()));
        if (query != null) {
            // LOWER on both sides, so each engine folds case with one and the same function.
            where.append(" AND (LOWER(i.name) LIKE LOWER(?) ESCAPE '\\'"
                    + " OR LOWER(i.description) LIKE LOWER(?) ESCAPE '\\')");
            String pattern = "%" + escapeLike(query) + "%";
            params.add(pattern);
            params.add(pattern);
        }
        if (tag != null) {
            where.append(" AND EXISTS (SELECT 1 FROM bolt_item_tags t WHERE t.item_id = i.id AND t.tag = ?)");
            params.add(tag);
        }
        long total = Jdbc.single(connection, "SELECT COUNT(*) FROM bolt_items i" + where, params.toArray());

        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add((long) perPage);
        pageParams.add((long) (page - 1) * perPage);
        List<Row> rows = Jdbc.list(connection,
                "SELECT " + COLUMNS + " FROM bolt_items i" + where + " ORDER BY i.name LIMIT ? OFFSET ?",
                BoltItemTable::row, pageParams.toArray());
        return new Page<>(withTags(connection, rows), total, page, perPage);
    }

    static boolean delete(Connection connection, BoltKind kind, String name) throws SQLException {
        return Jdbc.update(connection, "DELETE FROM bolt_items WHERE kind = ? AND name = ?", kind.name(), name) > 0;
    }

    /** One atomic increment in the database, so concurrent downloads never lose a count. */
    static boolean recordDownload(Connection connection, BoltKind kind, String name) throws SQLException {
        return Jdbc.update(connection, "UPDATE bolt_items SET downloads = downloads + 1 WHERE kind = ? AND name = ?",
                kind.name(), name) > 0;
    }

    static BoltTotals totals(Connection connection) throws SQLException {
        Map<BoltKind, KindTotals> byKind = new EnumMap<>(BoltKind.class);
        for (KindTotals totals : Jdbc.list(connection,
                "SELECT kind, COUNT(*), COALESCE(SUM(downloads), 0) FROM bolt_items GROUP BY kind",
                row -> new KindTotals(BoltKind.valueOf(row.getString(1)), row.getLong(2), row.getLong(3)))) {
            byKind.put(totals.kind(), totals);
        }
        KindTotals profiles = byKind.getOrDefault(BoltKind.PROFILE, new KindTotals(BoltKind.PROFILE, 0, 0));
        KindTotals plugins = byKind.getOrDefault(BoltKind.PLUGIN, new KindTotals(BoltKind.PLUGIN, 0, 0));
        return new BoltTotals(profiles.items(), plugins.items(), profiles.downloads(), plugins.downloads());
    }

    /** Escapes LIKE's wildcards so the query matches literally; the statements declare '\' as the escape. */
    private static String escapeLike(String query) {
        return query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void requireComplete(BoltItem item) {
        Objects.requireNonNull(item, "bolt item");
        Objects.requireNonNull(item.kind(), "bolt item kind");
        Objects.requireNonNull(item.name(), "bolt item name");
        Objects.requireNonNull(item.version(), "bolt item version");
        Objects.requireNonNull(item.document(), "bolt item document");
        Objects.requireNonNull(item.contentDigest(), "bolt item content digest");
        Objects.requireNonNull(item.contentType(), "bolt item content type");
    }

    private static Row row(ResultSet row) throws SQLException {
        return new Row(row.getLong("id"), new BoltItem(
                BoltKind.valueOf(row.getString("kind")),
                row.getString("name"),
                row.getString("version"),
                row.getString("description"),
                row.getString("author"),
                List.of(),
                row.getDouble("rating"),
                row.getString("document"),
                row.getString("content_digest"),
                row.getLong("content_size"),
                row.getString("content_type"),
                row.getLong("downloads"),
                Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("updated_at"))));
    }

    /** Reads the tags of all rows in one query and returns the items with their tags, in the rows' order. */
    private static List<BoltItem> withTags(Connection connection, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(rows.size(), "?"));
        Map<Long, List<String>> tags = Jdbc.list(connection,
                        "SELECT item_id, tag FROM bolt_item_tags WHERE item_id IN (" + marks + ") ORDER BY tag",
                        row -> Map.entry(row.getLong(1), row.getString(2)), rows.stream().map(Row::id).toArray())
                .stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return rows.stream().map(row -> withTags(row.item(), tags.getOrDefault(row.id(), List.of()))).toList();
    }

    private static BoltItem withTags(BoltItem item, List<String> tags) {
        return new BoltItem(item.kind(), item.name(), item.version(), item.description(), item.author(), tags,
                item.rating(), item.document(), item.contentDigest(), item.contentSize(), item.contentType(),
                item.downloads(), item.createdAt(), item.updatedAt());
    }
}
