package io.cachet.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.javalin.http.Context;
import io.javalin.http.TooManyRequestsResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-client token buckets (Bucket4j): {@code perMinute} requests a minute, refilled greedily. Keyed on
 * {@link ClientAddress}, never on a header a client controls. Over the limit: 429 with {@code Retry-After}.
 */
final class RateLimiter {
    /** Beyond this many clients the table is cleared: a flood of addresses must not exhaust the heap. */
    private static final int MAX_CLIENTS = 100_000;

    private final int perMinute;
    private final ClientAddress clients;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(int perMinute, ClientAddress clients) {
        this.perMinute = perMinute;
        this.clients = clients;
    }

    void check(Context ctx) {
        if (perMinute == 0) {
            return;
        }
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(
                clients.of(ctx),
                client -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(perMinute)
                                .refillGreedy(perMinute, Duration.ofMinutes(1))
                                .build())
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1;
            ctx.header("Retry-After", String.valueOf(seconds));
            throw new TooManyRequestsResponse(
                    "too many verifications from this address; try again in " + seconds + " s", Map.of());
        }
    }
}
