package dev.drift.ops.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The run's result as plain-text tables for the terminal (and for pasting into notes). */
public final class ResultTable {

    private ResultTable() {
    }

    public static String render(BenchResult result) {
        StringBuilder out = new StringBuilder();
        MachineInfo machine = result.machine();
        out.append("drift-ops bench, ").append(machine.date()).append(", ").append(machine.cores()).append(" cores, ")
                .append(machine.jdk()).append(", load average ").append(machine.loadAverage()).append(" before, ")
                .append(result.loadAverageAfter()).append(" after\n");
        out.append("each figure: ").append(result.settings().durationSeconds()).append(" s after ")
                .append(result.settings().warmUpSeconds()).append(" s warm-up; peer: ")
                .append(result.peerVersion()).append("; auth: ").append(result.settings().auth()).append("\n");
        out.append("Drift's JVM options: ").append(String.join(" ", result.settings().driftJvmOptions())).append("\n\n");

        out.append("HTTP workload, Drift vs ").append(result.peerVersion())
                .append(" (ratio > 1.0 = Drift better; memory ratio inverted); limit: push = hash + write + fsync + ")
                .append("rename of the same bytes on the same disk, pull = nginx sendfile to the same client\n");
        List<String[]> http = new ArrayList<>();
        http.add(new String[] {"backend", "figure", "unit", "Drift", "peer", "ratio", "limit", "Drift of limit"});
        for (Comparison row : result.http()) {
            http.add(new String[] {row.backend(), row.name(), row.unit(), number(row.drift()), number(row.peer()),
                    String.format(Locale.ROOT, "%.2fx%s", row.ratio(), row.higherIsBetter() ? "" : " (inv)"),
                    number(row.limit()),
                    row.ofLimit() == null ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * row.ofLimit())});
        }
        appendTable(out, http);

        out.append("\nMetadata store called directly (no HTTP), xN = N callers at once ")
                .append("(no peer store exists: backends compared with each other)\n");
        List<String[]> store = new ArrayList<>();
        store.add(new String[] {"kind", "operation", "sqlite ops/s", "postgres ops/s", "postgres/sqlite"});
        for (StoreComparison row : result.store()) {
            store.add(new String[] {row.kind(), row.operation(), number(row.opsPerSecond().get("sqlite")),
                    number(row.opsPerSecond().get("postgres")),
                    row.postgresOverSqlite() == null ? "-" : String.format(Locale.ROOT, "%.2fx", row.postgresOverSqlite())});
        }
        appendTable(out, store);
        return out.toString();
    }

    static String number(Double value) {
        if (value == null) {
            return "-";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static void appendTable(StringBuilder out, List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                // text columns left, numbers right
                boolean numeric = i > 0 && !row[i].isEmpty() && (Character.isDigit(row[i].charAt(0)) || row[i].equals("-"));
                String cell = numeric ? " ".repeat(widths[i] - row[i].length()) + row[i]
                        : row[i] + " ".repeat(widths[i] - row[i].length());
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
