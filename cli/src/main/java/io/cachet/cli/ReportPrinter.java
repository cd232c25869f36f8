package io.cachet.cli;

import io.cachet.core.report.CertificateSummary;
import io.cachet.core.report.Check;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.seal.Holder;
import java.io.PrintWriter;

/** The human form of a verification report. */
final class ReportPrinter {
    private ReportPrinter() {}

    static void print(VerificationReport report, PrintWriter out) {
        out.println(report.verdict().name() + (report.reasons().isEmpty() ? "" : " " + report.reasons()));
        if (report.verifiedFromCopy()) {
            out.println(
                    "  note:        this file is a COPY (a scan or a print to PDF), not the signed original: only the"
                            + " seal in its QR code was verified, as for a photo");
        }
        if (report.certificate().isPresent()) {
            CertificateSummary c = report.certificate().get();
            out.println("  certificate: " + c.type() + " " + c.id() + ", issued by " + c.issuer() + " at "
                    + c.issuedAt() + c.expiresAt().map(e -> ", expires " + e).orElse(""));
            out.println("  holder:      " + Holder.fullName(c.familyName(), c.givenNames()) + " (born " + c.birthDate()
                    + ")");
        }
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
}
