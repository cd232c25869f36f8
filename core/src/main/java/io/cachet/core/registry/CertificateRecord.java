package io.cachet.core.registry;

import static java.util.Objects.requireNonNull;

import io.cachet.core.seal.Holder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What the registry holds about one certificate.
 *
 * @param foreignerNumber the holder's foreigner number (AGDREF), when the data have one
 * @param signerKid hex key id of the signing certificate
 * @param sealSha256 hex SHA-256 of the seal text (UTF-8) as put in the QR code
 * @param pdfSha256 hex SHA-256 of the PDF file as written
 * @param file where the PDF was written
 * @param statusIndex the certificate's index in the office's status list, if it has one
 * @param idempotencyKey the batch row key it was issued for, if any
 */
public record CertificateRecord(
        CertificateId id,
        String type,
        String office,
        Holder holder,
        Optional<String> foreignerNumber,
        Instant issuedAt,
        Optional<Instant> expiresAt,
        String signerKid,
        String sealSha256,
        String pdfSha256,
        Path file,
        CertificateStatus status,
        Optional<CertificateId> supersededBy,
        Optional<CertificateId> supersedes,
        Optional<Long> statusIndex,
        Optional<String> idempotencyKey) {
    public CertificateRecord {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(office, "office is null");
        requireNonNull(holder, "holder is null");
        requireNonNull(foreignerNumber, "foreignerNumber is null");
        requireNonNull(issuedAt, "issuedAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(signerKid, "signerKid is null");
        requireNonNull(sealSha256, "sealSha256 is null");
        requireNonNull(pdfSha256, "pdfSha256 is null");
        requireNonNull(file, "file is null");
        requireNonNull(status, "status is null");
        requireNonNull(supersededBy, "supersededBy is null");
        requireNonNull(supersedes, "supersedes is null");
        requireNonNull(statusIndex, "statusIndex is null");
        requireNonNull(idempotencyKey, "idempotencyKey is null");
        if ((status == CertificateStatus.SUPERSEDED) != supersededBy.isPresent()) {
            throw new IllegalArgumentException("a certificate names its successor exactly when it is superseded");
        }
    }

    /** True when the certificate has an expiry and it has passed at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiresAt.map(expiry -> !now.isBefore(expiry)).orElse(false);
    }

    /** The stored status, or {@code EXPIRED} when a VALID certificate is past its expiry. */
    public String displayStatus(Instant now) {
        return status == CertificateStatus.VALID && expiredAt(now) ? "EXPIRED" : status.name();
    }
}
