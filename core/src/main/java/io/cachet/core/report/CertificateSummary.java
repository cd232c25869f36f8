package io.cachet.core.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an authentic seal certifies, as read from it: the data a verifier shows to compare with the paper and with
 * the person's identity document, no more than that. Labels and formats for a reader come from
 * {@link CertificateFacts}.
 *
 * @param issuer the issuing office's code
 * @param issuerVerifier the address of the issuer's verifier, when the seal names it (through its status list
 *     reference): where a person can check the status online
 * @param issuerName the issuing office's name, from the certificate of the key that signed the seal (its common
 *     name without the code), when that certificate names it
 * @param fields the type's sealed fields by their key in the seal (e.g. {@code vn}), in the seal's order, hidden
 *     characters written out
 */
public record CertificateSummary(
        String id,
        String type,
        String issuer,
        Instant issuedAt,
        Optional<Instant> expiresAt,
        String familyName,
        String givenNames,
        String birthDate,
        Optional<String> issuerVerifier,
        Optional<String> issuerName,
        Map<String, String> fields) {
    /** A summary without the office's name or the type's fields. */
    public CertificateSummary(
            String id,
            String type,
            String issuer,
            Instant issuedAt,
            Optional<Instant> expiresAt,
            String familyName,
            String givenNames,
            String birthDate,
            Optional<String> issuerVerifier) {
        this(
                id,
                type,
                issuer,
                issuedAt,
                expiresAt,
                familyName,
                givenNames,
                birthDate,
                issuerVerifier,
                Optional.empty(),
                Map.of());
    }

    /** A summary whose seal names no verifier. */
    public CertificateSummary(
            String id,
            String type,
            String issuer,
            Instant issuedAt,
            Optional<Instant> expiresAt,
            String familyName,
            String givenNames,
            String birthDate) {
        this(id, type, issuer, issuedAt, expiresAt, familyName, givenNames, birthDate, Optional.empty());
    }

    public CertificateSummary {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(issuer, "issuer is null");
        requireNonNull(issuedAt, "issuedAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(familyName, "familyName is null");
        requireNonNull(givenNames, "givenNames is null");
        requireNonNull(birthDate, "birthDate is null");
        requireNonNull(issuerVerifier, "issuerVerifier is null");
        requireNonNull(issuerName, "issuerName is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(fields, "fields is null")));
    }
}
