package dev.drift.ops.registry.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.drift.ops.testkit.PostgresServer;
import dev.drift.ops.registry.blob.FsBlobStore;
import dev.drift.ops.registry.store.MetadataStore;
import dev.drift.ops.registry.store.sql.SqlMetadataStore;

class PostgresGarbageCollectorIT extends GarbageCollectorContract {

    @Override
    protected MetadataStore openStore(Path dir) {
        return SqlMetadataStore.openPostgres(PostgresServer.shared().createDatabase());
    }

    /**
     * Two stores with pools of their own, as two Drift processes have: while one holds the collector lock the
     * other's collector is refused without looking at anything, and once it is released the other runs.
     */
    @Test
    void twoProcessesOnOneDatabaseNeverCollectAtOnce() throws IOException {
        String url = PostgresServer.shared().createDatabase();
        FsBlobStore blobs = new FsBlobStore(dir.resolve("shared-blobs"));
        try (MetadataStore first = SqlMetadataStore.openPostgres(url);
             MetadataStore second = SqlMetadataStore.openPostgres(url)) {
            GarbageCollector secondCollector = new GarbageCollector(second, blobs, Duration.ZERO, Clock.systemUTC());

            Optional<Optional<GcResult>> whileHeld = first.underCollectorLock(() -> secondCollector.collect(false, false));

            assertThat(whileHeld).as("the first ran").isPresent();
            assertThat(whileHeld.get()).as("the second was refused while the first held the lock").isEmpty();
            assertThat(secondCollector.collect(false, false)).as("and runs once it is released").isPresent();
        }
    }
}
