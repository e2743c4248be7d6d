package dev.drift.ops.bench;

/**
 * One Drift figure beside the peer registry's for the same workload.
 *
 * <p>The ratio is oriented so that above 1.0 always means Drift did better: Drift / peer
 * for rates and throughput, peer / Drift for latency and memory (less is better there).
 */
public record Comparison(String backend, String section, String name, String unit, boolean higherIsBetter,
                         double drift, double peer, double ratio, String ratioMeaning,
                         long driftOperations, double driftSeconds, long peerOperations,
                         double peerSeconds) {

    public static final String DRIFT_OVER_PEER = "Drift / peer";
    public static final String PEER_OVER_DRIFT = "peer / Drift (inverted: less is better)";

    public static Comparison of(String backend, Figure drift, Figure peer) {
        if (!drift.name().equals(peer.name()) || !drift.unit().equals(peer.unit())) {
            throw new IllegalArgumentException("cannot compare " + drift.name() + " with " + peer.name());
        }
        return new Comparison(backend, drift.section(), drift.name(), drift.unit(), drift.higherIsBetter(),
                drift.value(), peer.value(), ratio(drift.value(), peer.value(), drift.higherIsBetter()),
                drift.higherIsBetter() ? DRIFT_OVER_PEER : PEER_OVER_DRIFT,
                drift.operations(), drift.seconds(), peer.operations(), peer.seconds());
    }

    /** Drift's advantage as a factor: >1.0 better, <1.0 worse, whichever direction the unit improves in. */
    public static double ratio(double drift, double peer, boolean higherIsBetter) {
        double numerator = higherIsBetter ? drift : peer;
        double denominator = higherIsBetter ? peer : drift;
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }
}
