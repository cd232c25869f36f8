package io.cachet.core.pdf;

import static java.util.Objects.requireNonNull;

import io.cachet.core.crypto.Sha256;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.cms.ContentInfo;

/**
 * A document timestamp (ETSI EN 319 142-1 §5.4.3): the same /ByteRange and /Contents strictness as the signature,
 * ending at a revision's end after the signed revision, its /Contents one RFC 3161 token over the SHA-256 of the
 * bytes it covers, from an authority issued by a trust anchor. Adds the {@code pdf.document-timestamp} check.
 */
final class DocumentTimestampCheck {
    private static final String RFC3161 = "ETSI.RFC3161";

    /** A verified document timestamp and where the bytes it covers end. */
    record TimestampAt(PdfTimestamp timestamp, int end) {
        TimestampAt {
            requireNonNull(timestamp, "timestamp is null");
        }
    }

    private final TrustStore trust;

    DocumentTimestampCheck(TrustStore trust) {
        this.trust = requireNonNull(trust, "trust is null");
    }

    /** A document timestamp (PAdES B-LTA): /Type /DocTimeStamp or SubFilter ETSI.RFC3161. */
    static boolean isDocumentTimestamp(PDSignature signature) {
        return RevisionChanges.DOC_TIME_STAMP.equals(signature.getCOSObject().getCOSName(COSName.TYPE))
                || RFC3161.equals(signature.getSubFilter());
    }

    /**
     * Checks {@code timestamp} in {@code pdf}, whose revisions end at {@code revisions} and whose signature covers
     * the bytes before {@code signedEnd}; empty after a failed check.
     */
    Optional<TimestampAt> check(
            byte[] pdf, PDSignature timestamp, List<Integer> revisions, int signedEnd, List<Check> checks) {
        if (!RFC3161.equals(timestamp.getSubFilter())
                || !RevisionChanges.DOC_TIME_STAMP.equals(
                        timestamp.getCOSObject().getCOSName(COSName.TYPE))) {
            checks.add(Check.failed(
                    CheckName.PDF_DOCUMENT_TIMESTAMP,
                    ReasonCode.PDF_SIGNATURE_FORMAT,
                    "a document timestamp must be /Type /DocTimeStamp with SubFilter " + RFC3161));
            return Optional.empty();
        }
        Optional<ByteRange> byteRange = ByteRange.of(timestamp);
        Optional<byte[]> contents = byteRange.flatMap(range -> range.contentsFromGap(pdf, timestamp));
        if (byteRange.isEmpty() || contents.isEmpty()) {
            checks.add(Check.failed(
                    CheckName.PDF_DOCUMENT_TIMESTAMP,
                    ReasonCode.PDF_BYTE_RANGE_INVALID,
                    "a document timestamp's /ByteRange does not frame its /Contents exactly"));
            return Optional.empty();
        }
        ByteRange range = byteRange.get();
        long end = range.end();
        if (!range.fitsIn(pdf.length) || end <= signedEnd || !revisions.contains((int) end)) {
            checks.add(Check.failed(
                    CheckName.PDF_DOCUMENT_TIMESTAMP,
                    ReasonCode.PDF_BYTE_RANGE_INVALID,
                    "a document timestamp does not cover whole revisions after the signature"));
            return Optional.empty();
        }
        if (!gapInsideOwnDefinition(pdf, timestamp, range, (int) end, revisions)) {
            checks.add(Check.failed(
                    CheckName.PDF_DOCUMENT_TIMESTAMP,
                    ReasonCode.PDF_BYTE_RANGE_INVALID,
                    "a document timestamp's /ByteRange gap is not its own /Contents in the revision it ends"));
            return Optional.empty();
        }
        Optional<byte[]> token = ByteRange.withoutPadding(contents.get());
        if (token.isEmpty()) {
            checks.add(Check.failed(
                    CheckName.PDF_DOCUMENT_TIMESTAMP,
                    ReasonCode.PDF_SIGNATURE_FORMAT,
                    "a document timestamp's /Contents is not one DER token followed only by zero padding"));
            return Optional.empty();
        }
        try {
            MessageDigest sha256 = Sha256.newDigest();
            range.digest(pdf, sha256);
            PdfTimestamp verified = TimestampTokens.verify(
                    "document", ContentInfo.getInstance(token.get()), sha256.digest(), trust.timestampAnchors());
            checks.add(Check.passed(
                    CheckName.PDF_DOCUMENT_TIMESTAMP,
                    "document timestamp of the first " + end + " bytes at " + verified.at() + " by "
                            + verified.authority().getSubjectX500Principal().getName()));
            return Optional.of(new TimestampAt(verified, (int) end));
        } catch (TimestampTokens.Rejected | RuntimeException e) {
            checks.add(
                    Check.failed(CheckName.PDF_DOCUMENT_TIMESTAMP, ReasonCode.PDF_TIMESTAMP_INVALID, e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * The timestamp's dictionary is defined in the revision its /ByteRange ends, and the gap lies inside that very
     * definition: a field cannot borrow another field's /Contents, nor one from an earlier revision.
     */
    private static boolean gapInsideOwnDefinition(
            byte[] pdf, PDSignature timestamp, ByteRange range, int end, List<Integer> revisions) {
        COSObjectKey key = timestamp.getCOSObject().getKey();
        if (key == null) {
            return false;
        }
        int start = 0;
        for (int revisionEnd : revisions) {
            if (revisionEnd < end) {
                start = revisionEnd;
            }
        }
        Optional<RevisionXref.Span> span =
                RevisionXref.definitionSpan(pdf, start, end, key.getNumber(), key.getGeneration());
        return span.isPresent()
                && span.get().start() <= range.gapStart()
                && range.gapEnd() <= span.get().end();
    }
}
