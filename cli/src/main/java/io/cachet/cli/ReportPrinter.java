package io.cachet.cli;

import io.cachet.core.report.CertificateFacts;
import io.cachet.core.report.CertificateSummary;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.StatusFacts;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.seal.Holder;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The human form of a verification report. */
final class ReportPrinter {
    /** Text that is not a Cachet code: a misread, not a forgery. */
    private static final Set<ReasonCode> NOT_A_CODE = EnumSet.of(
            ReasonCode.CODE_PREFIX_UNKNOWN,
            ReasonCode.CODE_TOO_LARGE,
            ReasonCode.CODE_BASE45_INVALID,
            ReasonCode.CODE_ZLIB_INVALID,
            ReasonCode.CODE_COSE_MALFORMED);

    private ReportPrinter() {}

    static void print(VerificationReport report, Optional<CertificateFacts> facts, PrintWriter out) {
        out.println(report.verdict().name() + (report.reasons().isEmpty() ? "" : " " + report.reasons()));
        if (report.verifiedFromCopy()) {
            out.println(
                    "  note:        this file is a COPY (a scan or a print to PDF), not the signed original: only the"
                            + " seal in its QR code was verified, as for a photo");
        }
        if (report.isVerificationReport()) {
            out.println(
                    "  note:        this file is a signed VERIFICATION REPORT, not a certificate: its signature by a"
                            + " trusted verifier is checked here; what it found is written in it");
        }
        if (report.statusNotChecked()) {
            out.println("  note:        the certificate is authentic, but its status (revoked, suspended, replaced) was"
                    + " not checked: check it online, at "
                    + report.certificate()
                            .flatMap(CertificateSummary::issuerVerifier)
                            .orElse("the verification address printed on the certificate"));
        }
        if (report.reasons().stream().anyMatch(NOT_A_CODE::contains)) {
            out.println("  note:        this text is not a readable Cachet code (not a sign of forgery): scan the whole"
                    + " QR code again, check that the scanner uses this computer's keyboard layout, or verify the PDF"
                    + " instead");
        }
        if (report.certificate().isPresent()) {
            CertificateSummary c = report.certificate().get();
            out.println("  certificate: " + c.type() + " " + c.id() + ", issued by " + c.issuer() + " at "
                    + c.issuedAt() + c.expiresAt().map(e -> ", expires " + e).orElse(""));
            out.println("  holder:      " + Holder.fullName(c.familyName(), c.givenNames()) + " (born " + c.birthDate()
                    + ")");
            CertificateFacts f = facts.orElseGet(() -> CertificateFacts.unlabelled(c));
            out.println("  type:        " + f.typeName());
            f.issuerName().ifPresent(name -> out.println("  office:      " + name + " (" + c.issuer() + ")"));
            for (CertificateFacts.Field field : f.fields()) {
                out.println("  sealed:      " + field.label() + ": " + field.display());
            }
            f.attests().ifPresent(text -> out.println("  attests:     " + text));
            f.allows().ifPresent(text -> out.println("  allows:      " + text));
        }
        report.statusAt().ifPresent(at -> out.println("  status at:   " + at + " (the verdict is for that time)"));
        report.status().ifPresent(status -> printStatus(status, out));
        for (Check check : report.checks()) {
            String mark =
                    switch (check.outcome()) {
                        case PASSED -> "ok  ";
                        case FAILED -> "FAIL";
                        case SKIPPED -> "--  ";
                    };
            out.println("  " + mark + " " + check.name() + ": " + check.detail());
        }
        out.println("  checked at:  " + report.checkedAt());
    }

    /** The registry's status and its deciding events: when, why (the reason recorded), by which certificate. */
    private static void printStatus(StatusFacts facts, PrintWriter out) {
        out.println("  status:      " + facts.status() + " at " + facts.at());
        for (StatusFacts.Event event : facts.events()) {
            out.println("    " + event.kind() + " at " + event.at()
                    + event.related()
                            .map(id -> (event.kind().equals("ISSUED") ? ", replacing " : ", by ") + id)
                            .orElse("")
                    + event.reason().map(reason -> ", reason: " + reason).orElse(""));
        }
    }
}
