package dev.drift.ops.bench;

import dev.drift.ops.benchkit.BenchException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one bench run measures and with what.
 *
 * @param duration       length of each timed measurement
 * @param warmUp         untimed work before the measurements of each server and store operation
 * @param blobSizes      blob sizes in bytes for push and pull
 * @param concurrencies  client concurrencies for blobs and manifests
 * @param storages       where Drift keeps its blobs: each backend is measured once per storage
 * @param nginx          the nginx of the machine-limit rows ({@link MachineLimit}); empty: no limit rows
 * @param basicAuth      both registries ask every request for a bcrypt-checked login, as drift-ops up deploys Drift
 */
public record BenchSettings(List<Backend> backends, Duration duration, Duration warmUp, List<Long> blobSizes,
                            List<Integer> concurrencies, Path registryJar, Peer peer, List<Storage> storages,
                            Optional<Path> nginx, boolean basicAuth) {

    /** Blobs in a directory only, no limit rows. */
    public BenchSettings(List<Backend> backends, Duration duration, Duration warmUp, List<Long> blobSizes,
                         List<Integer> concurrencies, Path registryJar, Peer peer) {
        this(backends, duration, warmUp, blobSizes, concurrencies, registryJar, peer, List.of(Storage.FS),
                Optional.empty(), false);
    }

    public BenchSettings {
        backends = List.copyOf(backends);
        storages = List.copyOf(storages);
        blobSizes = List.copyOf(blobSizes);
        concurrencies = List.copyOf(concurrencies);
        if (backends.isEmpty() || blobSizes.isEmpty() || concurrencies.isEmpty() || storages.isEmpty()) {
            throw new BenchException("the bench needs at least one backend, storage, blob size and concurrency");
        }
        if (duration.isNegative() || duration.isZero() || warmUp.isNegative()) {
            throw new BenchException("--duration must be at least 1 second");
        }
        if (blobSizes.stream().anyMatch(size -> size < 16) || concurrencies.stream().anyMatch(c -> c < 1 || c > 64)) {
            throw new BenchException("blob sizes must be at least 16 bytes and concurrencies 1 to 64");
        }
    }
}
