package dev.drift.ops.bench;

import java.util.Optional;

/**
 * One Drift figure beside the peer registry's for the same workload.
 *
 * <p>The ratio is oriented so that above 1.0 always means Drift did better: Drift / peer
 * for rates and throughput, peer / Drift for latency and memory (less is better there). Push and pull rows also
 * carry the machine's limit for the same workload ({@link MachineLimit}) and Drift's fraction of it, when measured.
 */
public record Comparison(String backend, String section, String name, String unit, boolean higherIsBetter,
                         double drift, double peer, double ratio, String ratioMeaning,
                         long driftOperations, double driftSeconds, long peerOperations,
                         double peerSeconds, Double limit, Double ofLimit) {

    public static final String DRIFT_OVER_PEER = "Drift / peer";
    public static final String PEER_OVER_DRIFT = "peer / Drift (inverted: less is better)";

    public static Comparison of(String backend, Figure drift, Figure peer) {
        return of(backend, drift, peer, Optional.empty());
    }

    public static Comparison of(String backend, Figure drift, Figure peer, Optional<Figure> limit) {
        if (!drift.name().equals(peer.name()) || !drift.unit().equals(peer.unit())) {
            throw new IllegalArgumentException("cannot compare " + drift.name() + " with " + peer.name());
        }
        return new Comparison(backend, drift.section(), drift.name(), drift.unit(), drift.higherIsBetter(),
                drift.value(), peer.value(), ratio(drift.value(), peer.value(), drift.higherIsBetter()),
                drift.higherIsBetter() ? DRIFT_OVER_PEER : PEER_OVER_DRIFT,
                drift.operations(), drift.seconds(), peer.operations(), peer.seconds(),
                limit.map(Figure::value).orElse(null),
                limit.filter(reference -> reference.value() > 0).map(reference -> drift.value() / reference.value())
                        .orElse(null));
    }

    /** Drift's advantage as a factor: >1.0 better, <1.0 worse, whichever direction the unit improves in. */
    public static double ratio(double drift, double peer, boolean higherIsBetter) {
        double numerator = higherIsBetter ? drift : peer;
        double denominator = higherIsBetter ? peer : drift;
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }
}
