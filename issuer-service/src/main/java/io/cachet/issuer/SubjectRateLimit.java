package io.cachet.issuer;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.javalin.http.Context;
import io.javalin.http.TooManyRequestsResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests per caller: each token subject gets {@code perMinute} requests a minute (Bucket4j, refilled greedily);
 * over it, 429 with {@code Retry-After}. Keyed on the verified subject, so one misbehaving case system cannot take
 * the service from the agents. At most {@link #MAX_SUBJECTS} buckets are kept, the least recently used dropped.
 */
final class SubjectRateLimit {
    static final int DEFAULT_PER_MINUTE = 600;
    static final int MAX_SUBJECTS = 10_000;

    private final int perMinute;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_SUBJECTS;
        }
    };

    /** @param perMinute requests a minute per subject; 0 turns the limit off */
    SubjectRateLimit(int perMinute) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("a rate limit is 0 (off) or more, was " + perMinute);
        }
        this.perMinute = perMinute;
    }

    void check(Context ctx, Identity caller) {
        if (perMinute == 0) {
            return;
        }
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(
                    caller.subject(),
                    subject -> Bucket.builder()
                            .addLimit(Bandwidth.builder()
                                    .capacity(perMinute)
                                    .refillGreedy(perMinute, Duration.ofMinutes(1))
                                    .build())
                            .build());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1;
            ctx.header("Retry-After", String.valueOf(seconds));
            throw new TooManyRequestsResponse(
                    "more than " + perMinute + " requests a minute from this caller; try again in " + seconds + " s");
        }
    }
}
