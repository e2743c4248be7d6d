package dev.drift.ops.registry.store.zqlite;

import java.util.List;
import java.util.stream.Collectors;

/** What {@link ZqliteProbe} found at one URL: each check in the order it ran, with its outcome and the evidence. */
public record ProbeReport(String target, List<Check> checks) {

    /** How one check ended. */
    public enum Outcome {
        PASSED("passed"), FAILED("FAILED"), NOT_RUN("not run");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One check: a short name, its outcome and what was seen (or why it did not run). */
    public record Check(String name, Outcome outcome, String detail) {
    }

    public ProbeReport {
        checks = List.copyOf(checks);
    }

    public Check check(String name) {
        return checks.stream().filter(check -> check.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the probe has no check named " + name));
    }

    /** True if every check that ran passed and none was skipped: Drift can use this server. */
    public boolean allPassed() {
        return checks.stream().allMatch(check -> check.outcome() == Outcome.PASSED);
    }

    /** A fixed-width table for a terminal, one line per check. */
    public String table() {
        int nameWidth = Math.max("check".length(), checks.stream().mapToInt(c -> c.name().length()).max().orElse(0));
        int outcomeWidth = "not run".length();
        String format = "%-" + nameWidth + "s  %-" + outcomeWidth + "s  %s%n";
        StringBuilder table = new StringBuilder("ZQLite probe of " + target + "\n");
        table.append(String.format(format, "check", "result", "detail"));
        for (Check check : checks) {
            table.append(String.format(format, check.name(), check.outcome().label(), check.detail()));
        }
        return table.toString();
    }

    /** One line for a log or a 503 body: every check as {@code name: result (detail)}. */
    public String summary() {
        return "ZQLite probe of " + target + ": " + checks.stream()
                .map(check -> check.name() + " " + check.outcome().label() + " (" + check.detail() + ")")
                .collect(Collectors.joining("; "));
    }
}
