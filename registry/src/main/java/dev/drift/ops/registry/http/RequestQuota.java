package dev.drift.ops.registry.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * {@code [registry] rate_limit_per_hour} for one server: a token bucket per client (a user, or an address without
 * auth) that holds the hour's allowance and refills it evenly, so a client may burst up to the limit and then gets
 * one request per {@code 3600 / limit} seconds. A bucket unused for an hour is full again, so the cache drops it.
 */
public final class RequestQuota {

    private static final Duration PERIOD = Duration.ofHours(1);
    /** Far more clients than a registry serves in an hour; the cache evicts the least recently seen beyond it. */
    private static final long MAX_CLIENTS = 100_000;

    private final long perHour;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(PERIOD).maximumSize(MAX_CLIENTS).build();

    public RequestQuota(long perHour) {
        if (perHour <= 0) {
            throw new IllegalArgumentException("rate_limit_per_hour must be positive here, got " + perHour);
        }
        this.perHour = perHour;
    }

    /** Takes one request from {@code client}'s allowance: empty when allowed, else the seconds until it may retry. */
    public OptionalLong take(String client) {
        ConsumptionProbe probe = buckets.get(client, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perHour).refillGreedy(perHour, PERIOD).build()).build())
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }
}
