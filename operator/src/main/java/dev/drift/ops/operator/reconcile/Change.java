package dev.drift.ops.operator.reconcile;

/** What applying one object did, as the API server reported it (a new resourceVersion or none). */
public enum Change {
    CREATED("Created"),
    UPDATED("Updated"),
    UNCHANGED("Unchanged"),
    DELETED("Deleted");

    private final String eventReason;

    Change(String eventReason) {
        this.eventReason = eventReason;
    }

    public String eventReason() {
        return eventReason;
    }
}
