package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.zip.Deflater;
import org.apache.pdfbox.cos.COSName;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifth security review (main at bedbfa5): the new timestamp-field whitelist, /Size and unreferenced objects in an
 * update, CRL entries whose invalidity date precedes the signature, and the timestamp chain. Reuses the issued and
 * extended files (and the root key) of {@link LongTermAttacksRound4Test}.
 *
 * <p>Checked and found closed (no test kept): the signed revision has no dangling reference an update could define
 * (every reference of every signed object resolves within the signed revision), so no new object number is reachable
 * from signed objects; a same-number object in an object stream can only be reached by listing it compressed, which
 * {@link RevisionXref} refuses.
 *
 * <p>At bedbfa5 the five forgery tests FAIL (each verifies as VALID): the timestamp field's /T is unconstrained
 * (a message, or the certification field's own name); an update's trailer /Size is never checked; an update may add
 * objects that nothing references (here an object stream re-defining the page); a CRL entry's invalidity date is
 * ignored. The two genuine-but-odd files (equal genTimes) stay VALID.
 *
 * <p>At bedbfa5 the five forgeries verified as VALID; closed by pinning a timestamp field's name (SignatureN, unique)
 * and flags, requiring each update's /Size to cover every object, refusing object streams and objects nothing refers
 * to in the revision that adds them, and dating a CRL revocation from its invalidity date when earlier.
 */
class LongTermAttacksRound5Test {
    private static final Instant ISSUED = Instant.parse("2026-11-20T10:15:30Z");
    private static final Instant EXTENDED = ISSUED.plus(Duration.ofDays(1));

    @TempDir
    static Path folder;

    static byte[] issued;
    static byte[] lt;
    static byte[] lta;

    @BeforeAll
    static void issueAndExtend() throws Exception {
        LongTermAttacksRound4Test.folder = folder;
        LongTermAttacksRound4Test.issueAndExtend();
        issued = LongTermAttacksTest.issued;
        lt = LongTermAttacksTest.lt;
        lta = LongTermAttacksTest.lta;
    }

    // ---------------------------------------------------------------- (a) the timestamp field's /T

    @Test
    void aDocumentTimestampFieldNamedLikeTheCertificationFieldIsRefused() throws Exception {
        // ISO 32000-1 §12.7.3.2: fields with the same fully qualified name are one field with one value. A timestamp
        // field named exactly like the office's certification field makes viewers merge the two (Acrobat shows one
        // field whose /V is ambiguous; form flattening or re-saving keeps one of them).
        String certificationName;
        try (var document = org.apache.pdfbox.Loader.loadPDF(lt)) {
            certificationName = document.getSignatureFields().get(0).getPartialName();
        }
        byte[] forged = Forgery.documentTimestamp(
                lt,
                LongTermAttacksTest.genuineAuthority(EXTENDED),
                (document, field) -> field.getCOSObject().setString(COSName.T, certificationName));

        LongTermAttacksTest.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aDocumentTimestampFieldWhoseNameIsAMessageIsRefused() throws Exception {
        // Round 4 refused /Name and /Reason on the timestamp's dictionary because signature panels show them; the
        // field's /T is shown there too (Acrobat: "Signature field: <T>", Okular's signature panel lists it), and it
        // is free text: "Attestation retiree par l'office - ne pas s'y fier".
        byte[] forged = Forgery.documentTimestamp(
                lt,
                LongTermAttacksTest.genuineAuthority(EXTENDED),
                (document, field) -> field.getCOSObject()
                        .setString(COSName.T, "Attestation retiree par l'office - ne pas s'y fier"));

        LongTermAttacksTest.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    // ---------------------------------------------------------------- (b) /Size and unreferenced objects

    @Test
    void aValidationDataUpdateWhoseTrailerSizeHidesTheSignedObjectsIsRefused() {
        // The update's trailer says /Size 2: objects 2 and above do not exist for a reader that honours the final
        // trailer's /Size (ISO 32000-1 §7.5.5: "one greater than the highest object number"); PDFBox ignores it.
        byte[] genuine = LongTermAttacksTest.rawUpdate(
                issued,
                List.of(LongTermAttacksTest.RawEntry.object(
                        LongTermAttacksTest.lastSize(issued), 0, "<< /Certs [] >>")));
        String text = new String(genuine, StandardCharsets.ISO_8859_1);
        int size = text.lastIndexOf("/Size ");
        String declared = "/Size " + LongTermAttacksTest.lastSize(genuine);
        assertThat(text.substring(size)).startsWith(declared);
        String shrunk = "/Size 2" + " ".repeat(declared.length() - "/Size 2".length());
        byte[] forged = Forgery.overwrite(genuine, size, shrunk);

        LongTermAttacksTest.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void anUnreferencedObjectStreamRedefiningThePageContentIsRefused() throws Exception {
        // An update (cross-reference stream) adds a new, unreferenced /Type /ObjStm whose one object is the page's
        // number, drawing a new (also unreferenced) black content stream. No section lists it as compressed, so PDFBox
        // never reads it; a reader
        // that rebuilds its cross-reference by scanning (pdf.js, MuPDF and PDFBox's own repair all parse object
        // streams found by scanning) takes it as the page's content. No update needs an object nothing refers to.
        java.util.regex.Matcher page = java.util.regex.Pattern.compile("(\\d+) 0 obj\\s*<<\\s*/Type /Page\\b")
                .matcher(Forgery.text(issued));
        assertThat(page.find()).isTrue();
        int black = LongTermAttacksTest.lastSize(issued);
        String header = page.group(1) + " 0 ";
        String object = "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 596 842] /Contents " + (black + 1) + " 0 R >>";
        byte[] payload = (header + object).getBytes(StandardCharsets.ISO_8859_1);
        Deflater deflater = new Deflater();
        deflater.setInput(payload);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        String raw = new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
        String objStm = "<< /Type /ObjStm /N 1 /First " + header.length() + " /Filter /FlateDecode /Length "
                + raw.length() + " >>\nstream\n" + raw + "\nendstream";
        byte[] forged = LongTermAttacksTest.rawXrefStreamUpdate(
                issued,
                List.of(
                        LongTermAttacksTest.RawEntry.object(black, 0, objStm),
                        LongTermAttacksTest.RawEntry.object(
                                black + 1, 0, LongTermAttacksTest.stream("0 0 0 rg 0 0 596 842 re f"))));

        LongTermAttacksTest.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    // ---------------------------------------------------------------- (c) CRL entries

    @Test
    void aCrlEntryWhoseInvalidityDatePrecedesTheSignatureIsARevocation() throws Exception {
        // The root revoked the office key after the signature (revocationDate), but states that the key was
        // compromised before it (invalidityDate, RFC 5280 §5.3.2, keyCompromise): whoever held the key then made
        // the signature. The file's own CRL contradicts the signature; only revocationDate is looked at.
        var signer = LongTermAttacksRound4Test.signer;
        var root = LongTermAttacksRound4Test.root;
        X509CRL crl = LongTermAttacksRound4Test.crl(
                root.privateKey(), root.certificate(), EXTENDED, EXTENDED.plus(Duration.ofDays(7)), builder -> {
                    try {
                        ExtensionsGenerator entry = new ExtensionsGenerator();
                        entry.addExtension(Extension.reasonCode, false, CRLReason.lookup(CRLReason.keyCompromise));
                        entry.addExtension(
                                Extension.invalidityDate,
                                false,
                                new ASN1GeneralizedTime(Date.from(ISSUED.minus(Duration.ofDays(30)))));
                        builder.addCRLEntry(
                                signer.getSerialNumber(),
                                Date.from(ISSUED.plus(Duration.ofHours(1))),
                                entry.generate());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        byte[] forged = LongTermAttacksRound4Test.withCrl(issued, crl);

        LongTermAttacksTest.assertRejected(forged, ReasonCode.KEY_REVOKED);
    }

    // ---------------------------------------------------------------- (d) the timestamp chain

    @Test
    void aDocumentTimestampAtTheVerySameTimeAsTheSignatureStaysValid() throws Exception {
        // Genuine but odd: the authority answers twice within one second, the document timestamp's genTime equals
        // the signature timestamp's. Not older than what it covers: valid.
        byte[] odd =
                Forgery.documentTimestamp(lt, LongTermAttacksTest.genuineAuthority(ISSUED), (document, field) -> {});

        assertThat(LongTermAttacksTest.verify(odd).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aSecondDocumentTimestampAtTheSameTimeAsTheFirstStaysValid() throws Exception {
        byte[] odd =
                Forgery.documentTimestamp(lta, LongTermAttacksTest.genuineAuthority(EXTENDED), (document, field) -> {});

        assertThat(LongTermAttacksTest.verify(odd).verdict()).isEqualTo(Verdict.VALID);
    }
}
