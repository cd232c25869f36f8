package io.cachet.core.trust;

import static java.util.Objects.requireNonNull;

import io.cachet.core.keys.TrustList;
import io.cachet.core.keys.TrustStore;
import java.time.Instant;
import java.util.Optional;

/**
 * Trust material as read once from its origin, checked and ready for verifiers.
 *
 * @param digest SHA-256 (hex) of the bytes it was read from: the same digest is the same trust
 * @param trust what verifiers trust
 * @param list the signed trust list it came from, when it came from one (its sequence number and expiry)
 */
public record TrustMaterial(String digest, TrustStore trust, Optional<TrustList.Accepted> list) {
    public TrustMaterial {
        requireNonNull(digest, "digest is null");
        requireNonNull(trust, "trust is null");
        requireNonNull(list, "list is null");
    }

    /** When the trust list it came from expires; empty for a trust folder, which does not expire. */
    public Optional<Instant> expiresAt() {
        return list.map(TrustList.Accepted::expiresAt);
    }
}
