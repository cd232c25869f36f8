package io.cachet.web;

import io.cachet.core.keys.TrustStore;
import io.cachet.core.trust.TrustSource;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code /health} says of the trust: ready only when it can verify a certificate (a pinned root, at least one
 * signer and at least one timestamp anchor; without one, every PDF signature timestamp is refused) and it does not
 * come from a trust list that has expired (the last good list is kept while newer ones fail, until it expires); and
 * where it comes from, when it was loaded, and the last reload refused.
 */
final class TrustHealth {
    private TrustHealth() {}

    static boolean ready(TrustSource source, Instant now) {
        TrustSource.Snapshot snapshot = source.current();
        TrustStore trust = snapshot.trust();
        return !trust.anchors().isEmpty()
                && !trust.signers().isEmpty()
                && !trust.timestampAnchors().isEmpty()
                && !snapshot.expired(now);
    }

    /** The body of {@code /health}: its original counts, then {@code trust}. */
    static Map<String, Object> body(TrustSource source, Instant now) {
        TrustSource.Snapshot snapshot = source.current();
        TrustStore trust = snapshot.trust();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready(source, now) ? "UP" : "DOWN");
        body.put("trustAnchors", trust.anchors().size());
        body.put("trustedSigners", trust.signers().size());
        body.put("timestampAnchors", trust.timestampAnchors().size());
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("source", snapshot.source());
        described.put("reloaded", source.reloadable());
        described.put("loadedAt", snapshot.loadedAt().toString());
        described.put(
                "ageSeconds",
                Math.max(0, Duration.between(snapshot.loadedAt(), now).toSeconds()));
        snapshot.material().list().ifPresent(list -> {
            described.put("listSequence", list.sequence());
            described.put("listIssuedAt", list.issuedAt().toString());
            described.put("listExpiresAt", list.expiresAt().toString());
            described.put("listExpired", snapshot.expired(now));
        });
        described.put("reloads", source.loadedCount());
        described.put("refusedReloads", source.refusedCount());
        source.lastRefusal().ifPresent(refusal -> {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("at", refusal.at().toString());
            last.put("reason", refusal.reason());
            described.put("lastRefusal", last);
        });
        body.put("trust", described);
        return body;
    }
}
