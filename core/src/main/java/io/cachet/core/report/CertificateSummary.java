package io.cachet.core.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The data a verifier shows to compare with the person's identity document: no more than that.
 *
 * @param issuer the issuing office's code
 * @param issuerVerifier the address of the issuer's verifier, when the seal names it (through its status list
 *     reference): where a person can check the status online
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
        Optional<String> issuerVerifier) {
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
    }
}
