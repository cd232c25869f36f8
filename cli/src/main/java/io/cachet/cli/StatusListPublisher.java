package io.cachet.cli;

import io.cachet.core.CachetException;
import io.cachet.core.services.CachetServices;
import io.cachet.core.status.StatusListService;
import io.cachet.core.status.StatusListSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The status list {@code cachet serve} publishes: signed on demand with the office key and kept for a minute, when
 * this home can sign (keystore and passphrase at hand); nothing otherwise (a verifier with only trust material).
 */
final class StatusListPublisher implements StatusListSource {
    private static final Duration KEEP = Duration.ofMinutes(1);

    private final CachetServices services;
    private StatusListService signer;
    private byte[] token;
    private Instant signedAt = Instant.MIN;
    private boolean unavailable;

    StatusListPublisher(CachetServices services) {
        this.services = services;
    }

    @Override
    public synchronized Optional<byte[]> current() {
        if (unavailable) {
            return Optional.empty();
        }
        Instant now = services.clock().instant();
        if (token == null || now.isAfter(signedAt.plus(KEEP))) {
            try {
                if (signer == null) {
                    signer = services.statusList();
                }
                token = signer.export(Duration.ofDays(1), Duration.ofHours(1));
                signedAt = now;
            } catch (CachetException e) {
                if (e.kind() == CachetException.Kind.CONFIGURATION && signer == null) {
                    unavailable = true;
                    return Optional.empty();
                }
                throw e;
            }
        }
        return Optional.of(token);
    }
}
