package dev.drift.ops.operator.it;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Polls until something holds, failing with the last thing seen when it does not in time. */
final class Eventually {

    private static final Duration POLL = Duration.ofMillis(500);

    private Eventually() {
    }

    static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> lastSeen) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> result = probe.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (Instant.now().isAfter(deadline)) {
                fail("after " + timeout.toSeconds() + " s still not " + what + "; last seen: " + lastSeen.get());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
