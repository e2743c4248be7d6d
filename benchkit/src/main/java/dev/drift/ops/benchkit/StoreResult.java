package dev.drift.ops.benchkit;

/**
 * One metadata store operation measured on one backend: what the registry's store bench prints, one JSON
 * object a line, and what drift-ops bench reads back and reports.
 *
 * @param backend the backend's name as the bench's configs call it (sqlite, postgres)
 * @param kind write or read
 */
public record StoreResult(String backend, String kind, String operation, Measurement measurement) {
}
