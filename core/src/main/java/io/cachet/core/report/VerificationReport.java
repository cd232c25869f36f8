package io.cachet.core.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one verification: a verdict, the reasons behind it, every check performed, the certificate's
 * data when they could be read from an authentic seal, and when the check was made.
 */
public record VerificationReport(
        Verdict verdict,
        List<ReasonCode> reasons,
        List<Check> checks,
        Optional<CertificateSummary> certificate,
        Instant checkedAt) {
    public VerificationReport {
        requireNonNull(verdict, "verdict is null");
        reasons = List.copyOf(reasons);
        checks = List.copyOf(checks);
        requireNonNull(certificate, "certificate is null");
        requireNonNull(checkedAt, "checkedAt is null");
        if ((verdict == Verdict.VALID) != reasons.isEmpty()) {
            throw new IllegalArgumentException("a report has reasons exactly when it is not VALID");
        }
    }

    /**
     * Builds the report from the checks: the verdict is the most serious one implied by a failed check (not
     * authentic, then could not check, then not current), VALID when none failed. {@link
     * ReasonCode#STATUS_NOT_CHECKED} decides the verdict (UNREADABLE) only when no other reason does: an expired
     * certificate whose status was not checked is EXPIRED, whatever its status.
     */
    public static VerificationReport fromChecks(
            List<Check> checks, Optional<CertificateSummary> certificate, Instant checkedAt) {
        LinkedHashSet<ReasonCode> reasons = new LinkedHashSet<>();
        checks.forEach(check -> check.reason().ifPresent(reasons::add));
        Verdict verdict = reasons.stream()
                .filter(reason -> reason != ReasonCode.STATUS_NOT_CHECKED || reasons.size() == 1)
                .map(ReasonCode::verdict)
                .min(VerificationReport::bySeverity)
                .orElse(Verdict.VALID);
        // Data of a seal that is not authentic are never shown.
        Optional<CertificateSummary> shown = verdict == Verdict.INVALID ? Optional.empty() : certificate;
        return new VerificationReport(verdict, List.copyOf(reasons), checks, shown, checkedAt);
    }

    /**
     * True when the certificate is authentic and nothing is known against it, but its status was not checked: the
     * only reason is {@link ReasonCode#STATUS_NOT_CHECKED} (the web shows this in a neutral colour, with the advice to
     * check online).
     */
    public boolean statusNotChecked() {
        return reasons.equals(List.of(ReasonCode.STATUS_NOT_CHECKED));
    }

    /**
     * True when the file verified was a copy of a certificate (an unsigned PDF: a scan, a print to PDF), not the signed
     * original: the verdict rests on the seal in its QR code alone, as for a photo (check {@code pdf.copy} PASSED).
     */
    public boolean verifiedFromCopy() {
        return checks.stream()
                .anyMatch(check -> check.name().equals("pdf.copy") && check.outcome() == Check.Outcome.PASSED);
    }

    /**
     * True when the file verified was a signed verification report, not a certificate (check {@code report.signer}
     * PASSED): the verdict is on the report's signature; what the report found is written in it.
     */
    public boolean isVerificationReport() {
        return checks.stream()
                .anyMatch(check -> check.name().equals("report.signer") && check.outcome() == Check.Outcome.PASSED);
    }

    private static int bySeverity(Verdict a, Verdict b) {
        return Integer.compare(severity(a), severity(b));
    }

    private static int severity(Verdict verdict) {
        return switch (verdict) {
            case INVALID -> 0;
            case UNREADABLE -> 1;
            case REVOKED -> 2;
            case SUSPENDED -> 3;
            case SUPERSEDED -> 4;
            case EXPIRED -> 5;
            case VALID -> 6;
        };
    }
}
