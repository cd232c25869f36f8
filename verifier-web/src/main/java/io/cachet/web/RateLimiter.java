package io.cachet.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.javalin.http.Context;
import io.javalin.http.TooManyRequestsResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Per-client token buckets (Bucket4j): {@code perMinute} requests a minute, refilled greedily. Keyed on
 * {@link ClientAddress}, never on a header a client controls; IPv6 clients by their /64 (one subscriber's network:
 * RFC 6177 §2), since a single host may use any of its 2^64 addresses. Over the limit: 429 with {@code Retry-After}.
 *
 * <p>At most {@code maxClients} buckets are kept; beyond, the least recently used one is dropped, alone. A flood of
 * new addresses therefore cannot reset the limit of the clients that are active, nor exhaust the heap.
 */
final class RateLimiter {
    /** Buckets kept by default: the heap they take is bounded whatever the number of addresses seen. */
    static final int DEFAULT_MAX_CLIENTS = 100_000;

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final int perMinute;
    private final ClientAddress clients;
    private final LruBuckets buckets;

    RateLimiter(int perMinute, ClientAddress clients) {
        this(perMinute, clients, DEFAULT_MAX_CLIENTS);
    }

    RateLimiter(int perMinute, ClientAddress clients, int maxClients) {
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be positive, was " + maxClients);
        }
        this.perMinute = perMinute;
        this.clients = clients;
        this.buckets = new LruBuckets(maxClients);
    }

    void check(Context ctx) {
        if (perMinute == 0) {
            return;
        }
        ConsumptionProbe probe = tryConsume(clients.of(ctx));
        if (!probe.isConsumed()) {
            long seconds = Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1;
            ctx.header("Retry-After", String.valueOf(seconds));
            throw new TooManyRequestsResponse(
                    "too many verifications from this address; try again in " + seconds + " s", Map.of());
        }
    }

    /** Takes one token from the bucket of {@code address}'s group; package-private for the tests. */
    ConsumptionProbe tryConsume(String address) {
        String key = key(address);
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(key, client -> newBucket());
        }
        return bucket.tryConsumeAndReturnRemaining(1);
    }

    /** How many client groups hold a bucket now. */
    int size() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    /**
     * The group an address is limited as: an IPv4 address alone, an IPv6 address by its first 64 bits (an IPv4
     * address mapped into IPv6 as the IPv4 address). Anything that is not an IP literal is its own group.
     */
    static String key(String address) {
        String candidate = address.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        int zone = candidate.indexOf('%');
        if (zone >= 0) {
            candidate = candidate.substring(0, zone);
        }
        Optional<InetAddress> parsed = literal(candidate);
        if (parsed.isEmpty()) {
            return address;
        }
        byte[] bytes = parsed.get().getAddress();
        if (bytes.length == 4) {
            // getByName turns an IPv4-mapped IPv6 literal into the IPv4 address: same client, same bucket.
            return parsed.get().getHostAddress();
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                    .append(':');
        }
        return prefix.append(":/64").toString();
    }

    private static Optional<InetAddress> literal(String candidate) {
        if (candidate.isEmpty() || !IP_LITERAL.matcher(candidate).matches()) {
            return Optional.empty();
        }
        try {
            // Only literals reach here (checked above), so this never asks DNS.
            return Optional.of(InetAddress.getByName(candidate));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perMinute)
                        .refillGreedy(perMinute, Duration.ofMinutes(1))
                        .build())
                .build();
    }

    /** An access-ordered map that drops its eldest entry, alone, once it holds more than its capacity. */
    private static final class LruBuckets extends LinkedHashMap<String, Bucket> {
        private final int capacity;

        LruBuckets(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > capacity;
        }
    }
}
