package dev.drift.ops.registry.migrate;

import dev.drift.ops.registry.migrate.MetadataTables.Table;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A table's row count and a SHA-256 over its content, equal on two databases exactly when they hold the same
 * rows. Computed here rather than in SQL so that every engine is measured the same way: rows are sorted by primary
 * key in Java (no engine collation involved) and every value is hashed as its normalised Java value (text as
 * UTF-8, integers as 64-bit, reals as IEEE bits) with a type tag, whatever the engine called the column.
 */
public record TableChecksum(long rows, String sha256) {

    /** Sorts by the primary key's values: integers numerically, text in Java's String order (no engine collation). */
    static Comparator<Object[]> primaryKeyOrder(Table table) {
        int[] key = table.primaryKeyIndexes();
        return (a, b) -> {
            for (int index : key) {
                int order = compare(a[index], b[index]);
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        };
    }

    public static TableChecksum of(Table table, List<Object[]> rows) {
        List<Object[]> sorted = new ArrayList<>(rows);
        sorted.sort(primaryKeyOrder(table));
        MessageDigest sha256 = newSha256();
        for (Object[] row : sorted) {
            for (Object value : row) {
                hash(sha256, value);
            }
        }
        return new TableChecksum(rows.size(), HexFormat.of().formatHex(sha256.digest()));
    }

    private static void hash(MessageDigest sha256, Object value) {
        switch (value) {
            case null -> sha256.update((byte) 0);
            case String s -> {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                sha256.update((byte) 1);
                sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                sha256.update(bytes);
            }
            case Long l -> {
                sha256.update((byte) 2);
                sha256.update(ByteBuffer.allocate(8).putLong(l).array());
            }
            case Double d -> {
                sha256.update((byte) 3);
                sha256.update(ByteBuffer.allocate(8).putLong(Double.doubleToLongBits(d)).array());
            }
            default -> throw new IllegalArgumentException("not a normalised value: " + value.getClass().getName());
        }
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return ((Comparable<Object>) a).compareTo(b);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The first 16 hex digits, enough to tell two checksums apart in a report line. */
    public String shortSha() {
        return sha256.substring(0, 16);
    }
}
