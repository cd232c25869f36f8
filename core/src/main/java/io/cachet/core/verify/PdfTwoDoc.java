package io.cachet.core.verify;

import io.cachet.core.keys.Kid;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.seal.SealClaims;
import io.cachet.core.twodoc.TwoDoc;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Check {@code pdf.twodoc}: on a signed certificate carrying both codes, the 2D-Doc must be authentic (read, signed by
 * a trusted key under its authority, within that certificate's validity) and agree with the authentic QR seal: the
 * same signing key, the certificate number, the holder as the 2D-Doc writes it, the issue day and the expiry day. A
 * forger cannot then show one person's data to a 2D-Doc reader and another's to Cachet. The key's revocation and the
 * expiry are judged once, on the seal and the PDF, whose timestamp proves when they were signed.
 */
final class PdfTwoDoc {
    /** The checks of the 2D-Doc that decide here; its revocation and expiry are the seal's to judge. */
    private static final List<CheckName> DECISIVE = List.of(
            CheckName.TWODOC_FORMAT,
            CheckName.TWODOC_CERTIFICATE,
            CheckName.TWODOC_SIGNATURE,
            CheckName.TWODOC_SIGNED_AT);

    private PdfTwoDoc() {}

    static Check check(
            TrustStore trust, Optional<String> twoDocText, SealClaims seal, Optional<Kid> sealKid, Instant now) {
        if (twoDocText.isEmpty()) {
            return Check.skipped(
                    CheckName.PDF_TWODOC,
                    "no 2D-Doc DataMatrix on the first page (certificates issued before Cachet wrote 2D-Docs carry"
                            + " none)");
        }
        List<Check> checks = new ArrayList<>();
        Optional<TwoDocChecks.Authentic> twoDoc = TwoDocChecks.verify(trust, twoDocText.get(), now, checks);
        Optional<Check> failed = checks.stream()
                .filter(check ->
                        DECISIVE.contains(check.check()) && check.reason().isPresent())
                .findFirst();
        if (failed.isPresent() || twoDoc.isEmpty()) {
            return mismatch("the 2D-Doc is not authentic: "
                    + failed.map(check -> check.check().wireName() + " "
                                    + check.reason().get() + ", " + check.detail())
                            .orElse("it could not be verified"));
        }
        Optional<String> differs = disagreement(twoDoc.get(), seal, sealKid);
        return differs.isPresent()
                ? mismatch(differs.get())
                : Check.passed(
                        CheckName.PDF_TWODOC,
                        "the 2D-Doc is authentic, signed by the seal's key, and carries the same number, holder and"
                                + " dates");
    }

    private static Check mismatch(String detail) {
        return Check.failed(CheckName.PDF_TWODOC, ReasonCode.TWODOC_SEAL_MISMATCH, detail);
    }

    /** How an authentic 2D-Doc differs from the seal on the same PDF; empty when they agree. */
    static Optional<String> disagreement(TwoDocChecks.Authentic twoDoc, SealClaims seal, Optional<Kid> sealKid) {
        TwoDoc doc = twoDoc.doc();
        Kid twoDocKid = Kid.of(twoDoc.signer());
        if (sealKid.isPresent() && !sealKid.get().equals(twoDocKid)) {
            return Optional.of("the 2D-Doc is signed by key " + twoDocKid.hex() + ", the seal by "
                    + sealKid.get().hex());
        }
        if (!TwoDocChecks.certificateNumber(doc).equals(Optional.of(seal.id()))) {
            return Optional.of("the 2D-Doc carries the number "
                    + doc.value(TwoDocChecks.NUMBER).orElse("(none)") + ", the seal " + seal.id());
        }
        Optional<String> holder = TwoDocChecks.holderDiffers(
                doc,
                seal.holder().familyName(),
                seal.holder().givenNames(),
                seal.holder().birthDate());
        if (holder.isPresent()) {
            return Optional.of("the 2D-Doc's " + holder.get() + " from the seal's holder");
        }
        LocalDate issued = seal.issuedAt().atZone(TwoDocChecks.PARIS).toLocalDate();
        if (!doc.header().issueDate().equals(Optional.of(issued))) {
            return Optional.of("the 2D-Doc's issue date is "
                    + doc.header().issueDate().map(LocalDate::toString).orElse("absent") + ", the seal's " + issued);
        }
        Optional<LocalDate> sealExpiry =
                seal.expiresAt().map(at -> at.atZone(TwoDocChecks.PARIS).toLocalDate());
        Optional<LocalDate> twoDocExpiry = TwoDocChecks.expiryDate(doc);
        if (twoDocExpiry.isPresent() && !twoDocExpiry.equals(sealExpiry)) {
            return Optional.of("the 2D-Doc's expiry date is " + twoDocExpiry.get() + ", the seal's "
                    + sealExpiry.map(LocalDate::toString).orElse("none"));
        }
        return Optional.empty();
    }
}
