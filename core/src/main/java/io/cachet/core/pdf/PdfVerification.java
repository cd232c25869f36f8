package io.cachet.core.pdf;

import static java.util.Objects.requireNonNull;

import io.cachet.core.report.Check;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What checking a PDF's signature found.
 *
 * @param checks every check made, in order
 * @param signature what the signature established, when it verified
 * @param sealText the seal read from the QR code of the signed revision, when one was found
 * @param twoDocText the 2D-Doc read from the DataMatrix of the signed revision's first page, when one was found
 */
public record PdfVerification(
        List<Check> checks, Optional<SignedFacts> signature, Optional<String> sealText, Optional<String> twoDocText) {
    public PdfVerification {
        checks = List.copyOf(checks);
        requireNonNull(signature, "signature is null");
        requireNonNull(sealText, "sealText is null");
        requireNonNull(twoDocText, "twoDocText is null");
    }

    /** A result without a 2D-Doc. */
    public PdfVerification(List<Check> checks, Optional<SignedFacts> signature, Optional<String> sealText) {
        this(checks, signature, sealText, Optional.empty());
    }

    /** A result with nothing established: a check failed before the signature verified. */
    static PdfVerification failed(List<Check> checks) {
        return new PdfVerification(checks, Optional.empty(), Optional.empty());
    }

    /**
     * What a verified signature establishes.
     *
     * @param signer the trusted certificate that signed the PDF
     * @param signedAt when, from the signature timestamp
     * @param signedRevisionSha256 SHA-256 (hex) of the bytes the issuer signed: the whole file unless validation data
     *     or document timestamps were added after it
     * @param level the PAdES baseline level the file reaches: B-T, B-LT or B-LTA
     * @param timestamps every timestamp of the file, the signature timestamp first, then the document timestamps
     */
    public record SignedFacts(
            X509Certificate signer,
            Instant signedAt,
            String signedRevisionSha256,
            String level,
            List<PdfTimestamp> timestamps) {
        public SignedFacts {
            requireNonNull(signer, "signer is null");
            requireNonNull(signedAt, "signedAt is null");
            requireNonNull(signedRevisionSha256, "signedRevisionSha256 is null");
            requireNonNull(level, "level is null");
            timestamps = List.copyOf(timestamps);
        }

        /** The certificates of the timestamp authorities, in the order of their timestamps. */
        public List<X509Certificate> timestampAuthorities() {
            return timestamps.stream().map(PdfTimestamp::authority).toList();
        }
    }

    public Optional<X509Certificate> signer() {
        return signature.map(SignedFacts::signer);
    }

    public Optional<Instant> signedAt() {
        return signature.map(SignedFacts::signedAt);
    }

    public boolean failed() {
        return checks.stream().anyMatch(check -> check.outcome() == Check.Outcome.FAILED);
    }
}
