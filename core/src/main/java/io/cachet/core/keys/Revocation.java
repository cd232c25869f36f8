package io.cachet.core.keys;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A signing key withdrawn from a moment on: what it signed at or after {@code since} is not authentic; what it
 * signed before stays valid (a key suspected of compromise since a known time does not void earlier certificates).
 *
 * @param reason {@code compromise} or {@code superseded}
 */
public record Revocation(Kid kid, Instant since, String reason) {
    public Revocation {
        requireNonNull(kid, "kid is null");
        requireNonNull(since, "since is null");
        requireNonNull(reason, "reason is null");
    }

    /** True when something signed at {@code signedAt} falls under this revocation. */
    public boolean covers(Instant signedAt) {
        return !signedAt.isBefore(since);
    }
}
