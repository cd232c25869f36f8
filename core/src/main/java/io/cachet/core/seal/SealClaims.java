package io.cachet.core.seal;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a Cachet seal states (docs/seal-format.md §2).
 *
 * @param issuer the issuing office's code
 * @param id the certificate id
 * @param type the certificate type id, e.g. {@code visa-validation}
 * @param issuedAt when it was issued (whole seconds)
 * @param expiresAt when it stops being valid, if it does
 * @param fields the type's short fields, in the order the type declares them
 */
public record SealClaims(
        String issuer,
        String id,
        String type,
        Instant issuedAt,
        Optional<Instant> expiresAt,
        Holder holder,
        Map<String, String> fields) {
    public SealClaims {
        requireNonNull(issuer, "issuer is null");
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(issuedAt, "issuedAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(holder, "holder is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        if (issuedAt.getNano() != 0 || expiresAt.map(Instant::getNano).orElse(0) != 0) {
            throw new IllegalArgumentException("seal times are whole seconds");
        }
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiry must come after issue");
        }
    }
}
