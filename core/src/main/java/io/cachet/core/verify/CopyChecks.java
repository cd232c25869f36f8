package io.cachet.core.verify;

import io.cachet.core.pdf.PdfVerification;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import java.util.List;
import java.util.Optional;

/**
 * The judgement on an unsigned PDF, from what {@link PdfCopies} found in it: a Cachet original without its signature
 * stays not authentic ({@code PDF_UNSIGNED}); a copy of a certificate (a scan, a print to PDF) is verified by the
 * seal in its QR code, as a photo, with check {@code pdf.copy} saying that it is a copy.
 */
final class CopyChecks {
    private CopyChecks() {}

    /** True when the only failure is that no revision of the PDF was ever signed (not a removed signature). */
    static boolean hasNoSignature(PdfVerification result) {
        List<Check> failed = result.checks().stream()
                .filter(check -> check.outcome() == Check.Outcome.FAILED)
                .toList();
        return failed.size() == 1
                && failed.get(0).is(CheckName.PDF_SIGNATURE)
                && failed.get(0).reason().equals(Optional.of(ReasonCode.PDF_UNSIGNED));
    }

    /**
     * Adds to {@code checks} (the PDF layer's) what the unsigned {@code pdf} is, and returns the seal text of a copy;
     * empty for an original without its signature or a PDF without a Cachet code, whose report then has no
     * certificate.
     */
    static Optional<String> judge(byte[] pdf, List<Check> checks) {
        PdfCopies.Unsigned unsigned = PdfCopies.examine(pdf);
        if (unsigned instanceof PdfCopies.Unsigned.Original original) {
            checks.add(Check.failed(
                    CheckName.PDF_COPY,
                    ReasonCode.PDF_UNSIGNED,
                    "not a copy: " + original.mark() + ", so this is a Cachet original whose signature is missing"
                            + " (removed, or never issued)"));
            return Optional.empty();
        }
        if (!(unsigned instanceof PdfCopies.Unsigned.Copy copy)) {
            checks.add(Check.skipped(
                    CheckName.PDF_COPY,
                    "not a copy of a certificate: " + ((PdfCopies.Unsigned.NoCode) unsigned).why()));
            return Optional.empty();
        }
        checks.removeIf(check -> check.is(CheckName.PDF_SIGNATURE));
        checks.add(Check.skipped(CheckName.PDF_SIGNATURE, "the PDF carries no signature"));
        checks.add(Check.passed(
                CheckName.PDF_COPY,
                "this file is a COPY of a certificate (a scan or a print to PDF), not the signed original: the"
                        + " verdict rests on the seal in its QR code alone, as for a photo"));
        return Optional.of(copy.sealText());
    }
}
