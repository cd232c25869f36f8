package io.cachet.core.issue;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.pdf.PdfSignatureVerifier;
import io.cachet.core.pdf.PdfVerification;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.seal.SealVerification;
import io.cachet.core.seal.SealVerifier;
import java.time.Instant;
import java.util.Optional;

/**
 * The last step of issuance: the signed PDF and its seal are verified with the home's own trust material, as any
 * verifier holding it would, before anything is delivered. A certificate that would not verify (a timestamp
 * authority whose anchor is not trusted, a key the trust folder lacks, a revoked key) is never written; the issuer
 * learns why at once instead of from a prefecture.
 *
 * <p>The QR code is not read back from the page here: the seal was read back from its symbol by a standard detector
 * when it was made ({@code SealSigner}), and reading it from the PDF would triple this check's cost (about 11 ms
 * of CPU per certificate instead of 4, docs/benchmarks.md).
 */
final class DeliveryCheck {
    private final PdfSignatureVerifier pdfVerifier;
    private final SealVerifier sealVerifier;

    DeliveryCheck(TrustStore trust) {
        requireNonNull(trust, "trust is null");
        this.pdfVerifier = new PdfSignatureVerifier(trust);
        this.sealVerifier = new SealVerifier(trust, SealVerifier.Policy.CACHET);
    }

    /** Returns normally when both verify; otherwise fails with the reason. */
    void verify(byte[] pdf, String seal, Instant now) {
        PdfVerification verification = pdfVerifier.verifySignature(pdf, now);
        Optional<Check> failed = verification.checks().stream()
                .filter(check -> check.outcome() == Check.Outcome.FAILED)
                .findFirst();
        if (failed.isPresent()) {
            throw refused("its PDF signature does not verify with this home's trust material: "
                    + failed.get().reason().map(Enum::name).orElseThrow() + " ("
                    + failed.get().detail() + ")"
                    + advice(failed.get()));
        }
        if (verification.signature().isEmpty()) {
            throw refused("its PDF signature established nothing");
        }
        if (sealVerifier.verify(seal, now) instanceof SealVerification.Rejected rejected) {
            throw refused("its seal does not verify with this home's trust material: " + rejected.reason() + " ("
                    + rejected.detail() + ")");
        }
    }

    private static String advice(Check check) {
        return check.is(CheckName.PDF_TIMESTAMP)
                ? "; trust the timestamp authority's CA with `cachet keys trust-tsa CA.pem`, then issue again"
                : "";
    }

    private static CachetException refused(String why) {
        return CachetException.configuration(
                "the certificate was not issued because " + why + "; nothing was written or recorded");
    }
}
