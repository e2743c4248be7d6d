package dev.drift.ops.cli.k8s;

/** How {@code up --target k8s} installs Drift: a DriftRegistry the operator reconciles, or the charts/drift chart. */
public enum Via {
    /** A DriftRegistry, reconciled by the drift-operator ({@code up} installs it when the cluster has none). */
    OPERATOR,
    /** A release of the charts/drift Helm chart, bundled in drift-ops; no operator involved. */
    HELM
}
