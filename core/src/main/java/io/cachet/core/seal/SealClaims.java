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
 * @param status where the certificate's status can be looked up offline (IETF Token Status List), if it is listed
 */
public record SealClaims(
        String issuer,
        String id,
        String type,
        Instant issuedAt,
        Optional<Instant> expiresAt,
        Holder holder,
        Map<String, String> fields,
        Optional<StatusReference> status) {
    /** A position in a published status list: index {@code index} of the list at {@code uri}. */
    public record StatusReference(long index, String uri) {
        public StatusReference {
            requireNonNull(uri, "uri is null");
            if (index < 0) {
                throw new IllegalArgumentException("status index must not be negative");
            }
        }
    }

    /** Claims without a status reference. */
    public SealClaims(
            String issuer,
            String id,
            String type,
            Instant issuedAt,
            Optional<Instant> expiresAt,
            Holder holder,
            Map<String, String> fields) {
        this(issuer, id, type, issuedAt, expiresAt, holder, fields, Optional.empty());
    }

    public SealClaims {
        requireNonNull(issuer, "issuer is null");
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(issuedAt, "issuedAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(holder, "holder is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        requireNonNull(status, "status is null");
        if (issuedAt.getNano() != 0 || expiresAt.map(Instant::getNano).orElse(0) != 0) {
            throw new IllegalArgumentException("seal times are whole seconds");
        }
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiry must come after issue");
        }
    }
}
