package dev.drift.ops.registry.migrate;

import java.util.List;
import java.util.Optional;

/**
 * The tables of the Drift metadata schema that a migration copies, parents before children, with each column's
 * kind and each table's primary key. {@code schema_version} is not among them: the target gets its schema from
 * the migrations themselves. MetadataTablesTest checks this list against the schema the migrations build, so
 * a new migration that changes a table fails the build until it is described here too.
 */
public final class MetadataTables {

    /** How a column's values are read, written and compared, whatever type name the engine gives it. */
    public enum Kind { TEXT, INTEGER, REAL }

    public record Column(String name, Kind kind) {
    }

    /**
     * @param autoId the integer primary key column the database numbers itself (PostgreSQL keeps a sequence for it,
     *               which must continue after the copied ids), or null
     */
    public record Table(String name, List<Column> columns, List<String> primaryKey, String autoId) {

        public Table {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
        }

        public List<String> columnNames() {
            return columns.stream().map(Column::name).toList();
        }

        /** Positions of the primary key's columns in {@link #columns()}. */
        public int[] primaryKeyIndexes() {
            return primaryKey.stream().mapToInt(columnNames()::indexOf).toArray();
        }
    }

    public static final List<Table> TABLES = List.of(
            table("repositories", List.of("id"), "id", integer("id"), text("name"), integer("created_at")),
            table("blobs", List.of("digest"), null,
                    text("digest"), integer("size_bytes"), text("media_type"), integer("created_at")),
            table("repository_blobs", List.of("repository_id", "digest"), null,
                    integer("repository_id"), text("digest"), integer("created_at")),
            table("manifests", List.of("id"), "id",
                    integer("id"), integer("repository_id"), text("digest"), text("media_type"), integer("size_bytes"),
                    text("subject"), text("artifact_type"), text("annotations"), integer("created_at")),
            table("tags", List.of("repository_id", "name"), null,
                    integer("repository_id"), text("name"), integer("manifest_id"), integer("updated_at")),
            table("manifest_references", List.of("manifest_id", "kind", "digest"), null,
                    integer("manifest_id"), text("digest"), text("kind")),
            table("upload_sessions", List.of("id"), null, text("id"), text("repository"), integer("started_at")),
            table("bolt_items", List.of("id"), "id",
                    integer("id"), text("kind"), text("name"), text("version"), text("description"), text("author"),
                    real("rating"), text("document"), text("content_digest"), integer("content_size"),
                    text("content_type"), integer("downloads"), integer("created_at"), integer("updated_at")),
            table("bolt_item_tags", List.of("item_id", "tag"), null, integer("item_id"), text("tag")));

    private MetadataTables() {
    }

    public static Optional<Table> named(String name) {
        return TABLES.stream().filter(table -> table.name().equals(name)).findFirst();
    }

    private static Table table(String name, List<String> primaryKey, String autoId, Column... columns) {
        return new Table(name, List.of(columns), primaryKey, autoId);
    }

    private static Column text(String name) {
        return new Column(name, Kind.TEXT);
    }

    private static Column integer(String name) {
        return new Column(name, Kind.INTEGER);
    }

    private static Column real(String name) {
        return new Column(name, Kind.REAL);
    }
}
