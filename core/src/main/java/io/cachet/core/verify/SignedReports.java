package io.cachet.core.verify;

import io.cachet.core.keys.ReportSigners;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.pdf.PdfSignatureVerifier;
import io.cachet.core.pdf.PdfVerification;
import io.cachet.core.report.Check;
import io.cachet.core.report.VerificationReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a signed verification report ({@link ReportPdf}) as what it is: a PDF signed by a verifier's key, which
 * the root certified for reports only. Its signature gets every check of a certificate's PDF signature (byte ranges,
 * CMS, timestamp, later revisions) against the verifiers of the trust material, never against the office keys; it
 * carries no seal. The answer has no certificate data: what the report says is in the report, and check
 * {@code report.signer} says who signed it.
 */
final class SignedReports {
    private SignedReports() {}

    /**
     * The verdict on {@code pdf} as a report, when a trusted verifier signed it; empty when no trusted verifier did
     * (the file is then judged as a certificate, whose signer is untrusted).
     */
    static Optional<VerificationReport> verify(TrustStore trust, byte[] pdf, Instant now) {
        PdfVerification result = new PdfSignatureVerifier(trust.forReports()).verifySignature(pdf, now);
        Optional<Check> signer = result.checks().stream()
                .filter(check -> check.name().equals("pdf.signer") && check.outcome() == Check.Outcome.PASSED)
                .findFirst();
        if (signer.isEmpty() || result.signer().isEmpty()) {
            return Optional.empty();
        }
        String name = ReportSigners.nameOf(result.signer().get())
                .orElse(result.signer().get().getSubjectX500Principal().getName());
        List<Check> checks = new ArrayList<>(result.checks());
        checks.add(Check.passed(
                "report.signer",
                "a Cachet VERIFICATION REPORT signed by the verifier '" + name + "' (a key certified by the root for"
                        + " reports only): it is not a certificate; what it found is written in it"));
        return Optional.of(VerificationReport.fromChecks(checks, Optional.empty(), now));
    }
}
