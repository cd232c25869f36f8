package io.cachet.core.pdf;

import static java.util.Objects.requireNonNull;

import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

/**
 * The issuer's signature dictionary (ISO 32000-1 §12.8.1; ETSI EN 319 142-1 §5.3): SubFilter
 * {@code ETSI.CAdES.detached}, a {@link ByteRange} that frames its /Contents exactly and covers whole revisions, then
 * the CMS in it ({@link CmsSignatureCheck}). Adds the {@code pdf.signature-format}, {@code pdf.byte-range} and
 * {@code pdf.coverage} checks.
 */
final class SignatureDictionaryCheck {
    private static final String CADES_DETACHED = "ETSI.CAdES.detached";

    private final CmsSignatureCheck cms;

    SignatureDictionaryCheck(TrustStore trust) {
        this.cms = new CmsSignatureCheck(requireNonNull(trust, "trust is null"));
    }

    /**
     * The catalog's /Perms /DocMDP is this very signature dictionary, whose one /Reference is a DocMDP transform with
     * P=1 (ISO 32000-1 §12.8.2.2, §12.8.4): a certified document in which no change is permitted.
     */
    static boolean certifiesWithNoChangesAllowed(PDDocument document, PDSignature signature) {
        COSDictionary permissions = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS);
        if (permissions == null || permissions.getDictionaryObject(COSName.DOCMDP) != signature.getCOSObject()) {
            return false;
        }
        if (!(signature.getCOSObject().getDictionaryObject(COSName.getPDFName("Reference"))
                        instanceof COSArray references)
                || references.size() != 1
                || !(references.getObject(0) instanceof COSDictionary reference)
                || !COSName.DOCMDP.equals(reference.getDictionaryObject(COSName.getPDFName("TransformMethod")))
                || !(reference.getDictionaryObject(COSName.getPDFName("TransformParams"))
                        instanceof COSDictionary parameters)) {
            return false;
        }
        return parameters.getDictionaryObject(COSName.P) instanceof COSInteger p && p.longValue() == 1;
    }

    /** Checks {@code signature} in {@code pdf}, whose revisions end at {@code revisions}; empty after a failed check. */
    Optional<SignedRevision> check(byte[] pdf, PDSignature signature, List<Integer> revisions, List<Check> checks) {
        if (!CADES_DETACHED.equals(signature.getSubFilter())) {
            checks.add(Check.failed(
                    CheckName.PDF_SIGNATURE_FORMAT,
                    ReasonCode.PDF_SIGNATURE_FORMAT,
                    "SubFilter is " + signature.getSubFilter() + ", expected " + CADES_DETACHED));
            return Optional.empty();
        }
        Optional<ByteRange> byteRange = ByteRange.of(signature);
        if (byteRange.isEmpty()) {
            checks.add(Check.failed(
                    CheckName.PDF_BYTE_RANGE,
                    ReasonCode.PDF_BYTE_RANGE_INVALID,
                    "/ByteRange must be exactly four non-negative integers starting at 0"));
            return Optional.empty();
        }
        ByteRange range = byteRange.get();
        if (!range.fitsIn(pdf.length)) {
            checks.add(Check.failed(
                    CheckName.PDF_BYTE_RANGE,
                    ReasonCode.PDF_BYTE_RANGE_INVALID,
                    "/ByteRange points outside the file or overlaps itself"));
            return Optional.empty();
        }
        Optional<byte[]> contents = range.contentsFromGap(pdf, signature);
        if (contents.isEmpty()) {
            checks.add(Check.failed(
                    CheckName.PDF_BYTE_RANGE,
                    ReasonCode.PDF_BYTE_RANGE_INVALID,
                    "the gap in /ByteRange is not exactly the /Contents hex string"));
            return Optional.empty();
        }
        Optional<byte[]> der = ByteRange.withoutPadding(contents.get());
        if (der.isEmpty()) {
            checks.add(Check.failed(
                    CheckName.PDF_SIGNATURE_FORMAT,
                    ReasonCode.PDF_SIGNATURE_FORMAT,
                    "/Contents is not one DER-encoded CMS followed only by zero padding"));
            return Optional.empty();
        }
        checks.add(Check.passed(CheckName.PDF_BYTE_RANGE, "/ByteRange frames /Contents exactly"));
        int lastRevisionEnd = revisions.isEmpty() ? 0 : revisions.get(revisions.size() - 1);
        if (lastRevisionEnd != pdf.length) {
            checks.add(Check.failed(
                    CheckName.PDF_COVERAGE,
                    ReasonCode.PDF_MODIFIED_AFTER_SIGNING,
                    (pdf.length - lastRevisionEnd) + " byte(s) follow the file's last end-of-file marker"));
            return Optional.empty();
        }
        int end = (int) range.end();
        if (!revisions.contains(end)) {
            checks.add(Check.failed(
                    CheckName.PDF_COVERAGE,
                    ReasonCode.PDF_MODIFIED_AFTER_SIGNING,
                    "the signed part of the file does not end at the end of a revision"));
            return Optional.empty();
        }
        checks.add(Check.passed(
                CheckName.PDF_COVERAGE,
                end == pdf.length
                        ? "the signature covers the whole file"
                        : "the signature covers the first " + end + " of " + pdf.length + " bytes, a whole revision"));
        return cms.check(der.get(), range.signedBytes(pdf), end, checks);
    }
}
