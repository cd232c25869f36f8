package io.cachet.core.issue;

import static java.util.Objects.requireNonNull;

import io.cachet.core.registry.CertificateId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A certificate that was issued: its id, where its PDF was written, and the exact text of its QR code.
 *
 * @param pdfSha256 hex SHA-256 of the PDF file as written
 * @param twoDoc the exact text of its 2D-Doc DataMatrix; empty for a type without a 2D-Doc mapping
 */
public record IssuedCertificate(
        CertificateId id,
        String type,
        Path file,
        String seal,
        Instant issuedAt,
        Optional<Instant> expiresAt,
        String pdfSha256,
        Optional<String> twoDoc) {
    public IssuedCertificate {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(file, "file is null");
        requireNonNull(seal, "seal is null");
        requireNonNull(issuedAt, "issuedAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(pdfSha256, "pdfSha256 is null");
        requireNonNull(twoDoc, "twoDoc is null");
    }
}
