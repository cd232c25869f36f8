package io.cachet.core.registry;

import static java.util.Objects.requireNonNull;

import io.cachet.core.seal.Holder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** A certificate about to be written: recorded as PENDING before its PDF exists (see {@link Registry#reserve}). */
public record PendingCertificate(
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
        Optional<Long> statusIndex,
        Optional<String> idempotencyKey,
        Optional<CertificateId> supersedes,
        Optional<String> requestSha256) {
    public PendingCertificate {
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
        requireNonNull(statusIndex, "statusIndex is null");
        requireNonNull(idempotencyKey, "idempotencyKey is null");
        requireNonNull(supersedes, "supersedes is null");
        requireNonNull(requestSha256, "requestSha256 is null");
        if (requestSha256.isPresent() && idempotencyKey.isEmpty()) {
            throw new IllegalArgumentException("a request hash is kept only beside an idempotency key");
        }
    }
}
