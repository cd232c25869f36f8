package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rate limiter's table of buckets: grouping of addresses and eviction, without a server. */
class RateLimiterTest {
    private static RateLimiter limiter(int perMinute, int maxClients) {
        return new RateLimiter(perMinute, new ClientAddress(List.of()), maxClients);
    }

    private static void spend(RateLimiter limiter, String address, int times) {
        for (int i = 0; i < times; i++) {
            limiter.tryConsume(address);
        }
    }

    @Test
    void aClientOverItsLimitIsRefusedAndAnotherIsNot() {
        RateLimiter limiter = limiter(3, 100);
        spend(limiter, "192.0.2.1", 3);

        assertThat(limiter.tryConsume("192.0.2.1").isConsumed()).isFalse();
        assertThat(limiter.tryConsume("192.0.2.2").isConsumed()).isTrue();
    }

    @Test
    void aFloodOfNewAddressesDoesNotResetAnActiveClientsLimit() {
        RateLimiter limiter = limiter(2, 1_000);
        spend(limiter, "192.0.2.1", 2);

        for (int i = 0; i < 5_000; i++) {
            limiter.tryConsume("10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff));
            if (i % 100 == 0) {
                // The active client keeps asking: it stays among the most recently used.
                assertThat(limiter.tryConsume("192.0.2.1").isConsumed()).isFalse();
            }
        }

        assertThat(limiter.tryConsume("192.0.2.1").isConsumed()).isFalse();
        assertThat(limiter.size()).isEqualTo(1_000);
    }

    @Test
    void theLeastRecentlyUsedBucketIsEvictedAlone() {
        RateLimiter limiter = limiter(1, 3);
        spend(limiter, "192.0.2.1", 1);
        spend(limiter, "192.0.2.2", 1);
        spend(limiter, "192.0.2.3", 1);
        spend(limiter, "192.0.2.1", 1); // .1 is now the most recently used, .2 the least

        spend(limiter, "192.0.2.4", 1); // one over the capacity: .2 goes, and only .2

        assertThat(limiter.size()).isEqualTo(3);
        assertThat(limiter.tryConsume("192.0.2.3").isConsumed()).isFalse();
        assertThat(limiter.tryConsume("192.0.2.1").isConsumed()).isFalse();
        assertThat(limiter.tryConsume("192.0.2.4").isConsumed()).isFalse();
        // .2 was forgotten, so it starts afresh (and now .3, the least recently used, goes).
        assertThat(limiter.tryConsume("192.0.2.2").isConsumed()).isTrue();
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareABucket() {
        RateLimiter limiter = limiter(2, 100);
        spend(limiter, "2001:db8:1:2::1", 1);
        spend(limiter, "2001:db8:1:2:ffff:ffff:ffff:ffff", 1);

        assertThat(limiter.tryConsume("[2001:db8:1:2:abcd::9]").isConsumed()).isFalse();
        assertThat(limiter.tryConsume("2001:db8:1:3::1").isConsumed()).isTrue();
        assertThat(limiter.size()).isEqualTo(2);
    }

    @Test
    void addressesAreGroupedIpv4AloneAndIpv6ByTheirFirst64Bits() {
        assertThat(RateLimiter.key("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(RateLimiter.key("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(RateLimiter.key("2001:0db8:0001:0002:0003:0004:0005:0006")).isEqualTo("2001:db8:1:2::/64");
        assertThat(RateLimiter.key("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(RateLimiter.key("[::1]")).isEqualTo("0:0:0:0::/64");
    }
}
