package io.cachet.core.keys;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A signing key withdrawn from a moment on: what it signed at or after {@code since} is not authentic. What it signed
 * before stays valid only when something other than the signed object proves it existed before {@code since} (a
 * {@link SigningTimeProof}: a trusted timestamp, a record in the issuer's registry): the issue time a seal states
 * proves nothing once its key may be in other hands, since whoever holds the key can backdate it (docs/keys.md,
 * "Compromise response").
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

    /** True when {@code proof} shows that what the key signed existed before this revocation. */
    public boolean spares(Optional<SigningTimeProof> proof) {
        return proof.isPresent() && !covers(proof.get().provenAt());
    }
}
