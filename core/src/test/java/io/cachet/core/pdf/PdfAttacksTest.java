package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestHomes;
import io.cachet.core.home.KeystorePassphrase;
import io.cachet.core.keys.Keystores;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import io.cachet.core.verify.VerificationService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTCTime;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.util.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One forged PDF per published attack class ("1 Trillion Dollar Refund", CCS 2019; "Shadow Attacks", NDSS 2021;
 * "Breaking the Specification: PDF Certification", IEEE S&P 2021), each made from a real issued certificate. Every
 * one must verify as INVALID with the reason that names what the forger did, and never show certificate data.
 */
class PdfAttacksTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:15:30Z"), ZoneOffset.UTC);
    private static final String OFFICE_NAME = "Direction territoriale de Paris";

    @TempDir
    static Path folder;

    static CachetServices services;
    static SignerKey officeKey;
    static TimestampAuthority timestamps;
    static byte[] pdf;

    @BeforeAll
    static void issueOne() throws Exception {
        services = TestHomes.create(folder.resolve("home"), CLOCK);
        var issued = services.issuance()
                .issue(
                        "visa-validation",
                        TestHomes.sample(services, "visa-validation"),
                        folder.resolve("visa.pdf"),
                        Locale.FRENCH);
        pdf = Files.readAllBytes(issued.file());
        char[] passphrase = KeystorePassphrase.resolve(services.home(), services.config(), Map.of());
        officeKey = Keystores.read(services.home().signerKeystore(), "PAR", passphrase);
        timestamps = new LocalTimestampAuthority(
                Keystores.read(services.home().timestampKeystore(), "tsa", passphrase), CLOCK);
        // Authentic; this verifier has trust material only, so the status is not checked (never VALID).
        assertThat(verify(pdf).statusNotChecked()).isTrue();
    }

    @Nested
    class UniversalSignatureForgery {
        @Test
        void emptyContentsIsRejected() {
            long[] range = Forgery.byteRange(pdf);
            byte[] forged = Forgery.overwrite(pdf, (int) range[1] + 1, "0".repeat((int) (range[2] - range[1] - 2)));

            assertRejected(forged, ReasonCode.PDF_SIGNATURE_FORMAT);
        }

        @Test
        void missingContentsIsRejected() {
            assertRejected(
                    Forgery.replaceSameLength(pdf, "/Contents <", "/Contentx <"), ReasonCode.PDF_BYTE_RANGE_INVALID);
        }

        @Test
        void contentsAsALiteralStringIsRejected() {
            long[] range = Forgery.byteRange(pdf);
            byte[] forged = Forgery.overwrite(pdf, (int) range[1], "(");
            forged = Forgery.overwrite(forged, (int) range[2] - 1, ")");

            assertRejected(forged, ReasonCode.PDF_BYTE_RANGE_INVALID);
        }

        @Test
        void contentsThatIsNotACmsIsRejected() {
            assertRejected(
                    Forgery.withCms(pdf, "not a signature".getBytes(StandardCharsets.US_ASCII)),
                    ReasonCode.PDF_SIGNATURE_FORMAT);
        }

        @Test
        void missingByteRangeIsRejected() {
            assertRejected(
                    Forgery.replaceSameLength(pdf, "/ByteRange", "/ByteRangx"), ReasonCode.PDF_BYTE_RANGE_INVALID);
        }

        @Test
        void byteRangeOfTheWrongTypeIsRejected() {
            long[] range = Forgery.byteRange(pdf);
            assertRejected(
                    Forgery.withByteRange(pdf, "(0 " + range[1] + " " + range[2] + " " + range[3] + ")"),
                    ReasonCode.PDF_BYTE_RANGE_INVALID);
        }

        @Test
        void byteRangeWithNullsOrNegativesIsRejected() {
            long[] range = Forgery.byteRange(pdf);
            assertRejected(
                    Forgery.withByteRange(pdf, "[0 null " + range[2] + " " + range[3] + "]"),
                    ReasonCode.PDF_BYTE_RANGE_INVALID);
            assertRejected(
                    Forgery.withByteRange(pdf, "[0 " + range[1] + " -" + range[2] + " 1]"),
                    ReasonCode.PDF_BYTE_RANGE_INVALID);
            assertRejected(
                    Forgery.withByteRange(pdf, "[0 " + range[1] + " " + range[2] + "]"),
                    ReasonCode.PDF_BYTE_RANGE_INVALID);
        }

        @Test
        void signatureWithoutCertificatesIsRejected() throws Exception {
            CMSSignedData data = new CMSSignedData(Forgery.cms(pdf));
            Store<?> none = new JcaCertStore(List.of());
            @SuppressWarnings("unchecked")
            CMSSignedData stripped = CMSSignedData.replaceCertificatesAndCRLs(
                    data, (Store<org.bouncycastle.cert.X509CertificateHolder>) none, null, null);

            assertRejected(Forgery.withCms(pdf, stripped.getEncoded("DER")), ReasonCode.PDF_SIGNATURE_FORMAT);
        }

        @Test
        void anotherSubFilterIsRejected() {
            assertRejected(
                    Forgery.replaceSameLength(pdf, "ETSI.CAdES.detached", "adbe.pkcs7.detached"),
                    ReasonCode.PDF_SIGNATURE_FORMAT);
        }
    }

    @Nested
    class IncrementalSavingAttack {
        @Test
        void anAppendedRevisionThatRedefinesThePageIsRejected() {
            byte[] forged = Forgery.incrementalUpdate(pdf, document -> {
                PDPage page = document.getPage(0);
                PDStream content = new PDStream(document);
                try (OutputStream out = content.createOutputStream()) {
                    out.write("0 0 0 rg 50 50 200 40 re f".getBytes(StandardCharsets.US_ASCII));
                }
                page.setContents(content);
                return Set.of(page.getCOSObject());
            });

            assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
        }

        @Test
        void anAppendedRevisionThatChangesMetadataIsRejected() {
            byte[] forged = Forgery.incrementalUpdate(pdf, document -> {
                document.getDocumentInformation().setTitle("Certificat modifié");
                document.getDocumentInformation().setAuthor("Forger");
                return Set.of(
                        document.getDocumentInformation().getCOSObject(),
                        document.getDocument().getTrailer());
            });

            assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
        }

        @Test
        void anAppendedRevisionSignedByTheForgerIsRejected() {
            SignerKey forger = Forgery.lookAlikeChain(OFFICE_NAME, CLOCK.instant());
            byte[] redefined = Forgery.incrementalUpdate(pdf, document -> {
                document.getDocumentInformation().setTitle("Certificat modifié");
                return Set.of(document.getDocumentInformation().getCOSObject());
            });
            byte[] forged = new PadesSigner(forger).sign(redefined, OFFICE_NAME, "re-signed");

            assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
        }

        @Test
        void anAppendedRawRevisionRedefiningTheCatalogIsRejected() {
            String text = Forgery.text(pdf);
            int startxref =
                    Integer.parseInt(text.substring(text.lastIndexOf("startxref") + 9, text.lastIndexOf("%%EOF"))
                            .strip());
            String root;
            String pages;
            String info;
            try (PDDocument document = Loader.loadPDF(pdf)) {
                var key = document.getDocument()
                        .getTrailer()
                        .getCOSObject(COSName.ROOT)
                        .getKey();
                root = key.getNumber() + " " + key.getGeneration();
                var infoKey = document.getDocument()
                        .getTrailer()
                        .getCOSObject(COSName.INFO)
                        .getKey();
                info = infoKey.getNumber() + " " + infoKey.getGeneration();
                var pagesKey =
                        document.getDocumentCatalog().getPages().getCOSObject().getKey();
                pages = pagesKey.getNumber() + " " + pagesKey.getGeneration();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            // The catalog keeps its pages, loses its certification (/Perms) and gains an action.
            int offset = pdf.length + 1;
            String object = root + " obj\n<< /Type /Catalog /Pages " + pages
                    + " R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>\nendobj\n";
            String xref = "xref\n" + root.split(" ")[0] + " 1\n" + String.format("%010d 00000 n\r\n", offset);
            // The trailer repeats /Info (a trailer that drops it is refused earlier, as an ambiguous structure).
            String trailer = "trailer\n<< /Size 1000 /Root " + root + " R /Info " + info + " R /Prev " + startxref
                    + " >>\nstartxref\n";
            int xrefOffset = offset + object.length();
            byte[] forged = Forgery.append(pdf, "\n" + object + xref + trailer + xrefOffset + "\n%%EOF\n");

            assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
        }
    }

    @Nested
    class SignatureWrapping {
        @Test
        void aShrunkContentsGapIsRejected() {
            long[] range = Forgery.byteRange(pdf);
            byte[] forged = Forgery.withByteRange(
                    pdf, "[0 " + (range[1] + 2) + " " + (range[2] - 2) + " " + (range[3] + 2) + "]");

            assertRejected(forged, ReasonCode.PDF_BYTE_RANGE_INVALID);
        }

        @Test
        void aGapMovedAwayFromContentsIsRejected() {
            long[] range = Forgery.byteRange(pdf);
            byte[] forged = Forgery.withByteRange(
                    pdf, "[0 " + (range[1] - 40) + " " + (range[2] - 40) + " " + (range[3] + 40) + "]");

            assertRejected(forged, ReasonCode.PDF_BYTE_RANGE_INVALID);
        }

        @Test
        void aByteRangeNotStartingAtZeroIsRejected() {
            long[] range = Forgery.byteRange(pdf);
            assertRejected(
                    Forgery.withByteRange(pdf, "[1 " + (range[1] - 1) + " " + range[2] + " " + range[3] + "]"),
                    ReasonCode.PDF_BYTE_RANGE_INVALID);
        }

        @Test
        void signedBytesRelocatedBehindInsertedObjectsAreRejected() {
            // The second signed part moves to the end; the room made in between holds the forger's objects.
            long[] range = Forgery.byteRange(pdf);
            int secondPart = (int) range[2];
            String inserted = "\n4242 0 obj\n<< /Type /Catalog /Pages 4243 0 R >>\nendobj\n";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(pdf, 0, secondPart);
            out.writeBytes(inserted.getBytes(StandardCharsets.ISO_8859_1));
            out.write(pdf, secondPart, pdf.length - secondPart);
            byte[] forged = Forgery.withByteRange(
                    out.toByteArray(), "[0 " + range[1] + " " + (range[2] + inserted.length()) + " " + range[3] + "]");

            VerificationReport report = verify(forged);

            assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
            assertThat(report.reasons())
                    .containsAnyOf(
                            ReasonCode.PDF_BYTE_RANGE_INVALID,
                            ReasonCode.PDF_SIGNATURE_INVALID,
                            ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
        }
    }

    /**
     * Shadow attacks: the forger prepares the document before it is signed (here with the genuine office key, as if
     * the issuer had been tricked into signing it) and reveals the hidden content with a later update.
     */
    @Nested
    class ShadowAttacks {
        @Test
        void hideRevealsContentCoveredAtSigningAndIsRejected() throws Exception {
            byte[] signed = signPrepared(document -> {
                PDFormXObject cover = form(document, "1 1 1 rg 40 40 300 60 re f");
                addToPage(document, "Cover", cover);
            });
            assertThat(verify(signed).statusNotChecked()).isTrue(); // authentic (trust material only)

            byte[] forged = Forgery.incrementalUpdate(signed, document -> {
                COSStream cover = xObject(document, "Cover");
                try (OutputStream out = cover.createOutputStream()) {
                    out.write(" ".getBytes(StandardCharsets.US_ASCII));
                }
                return Set.of(cover);
            });

            assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
        }

        @Test
        void replaceSwapsAnObjectShownAtSigningAndIsRejected() throws Exception {
            byte[] signed =
                    signPrepared(document -> addToPage(document, "Note", form(document, "0 0 1 rg 40 40 50 20 re f")));
            assertThat(verify(signed).statusNotChecked()).isTrue(); // authentic (trust material only)

            byte[] forged = Forgery.incrementalUpdate(signed, document -> {
                COSStream note = xObject(document, "Note");
                try (OutputStream out = note.createOutputStream()) {
                    out.write("1 0 0 rg 40 40 300 300 re f".getBytes(StandardCharsets.US_ASCII));
                }
                return Set.of(note);
            });

            assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
        }

        @Test
        void hideAndReplaceSwitchesThePageToPreparedContentAndIsRejected() throws Exception {
            byte[] signed = signPrepared(document -> {
                // The shadow page content is in the signed file, referenced but never drawn.
                PDFormXObject shadow = form(document, "0 0 0 rg 0 0 600 800 re f");
                document.getPage(0).getResources().put(COSName.getPDFName("Shadow"), shadow);
            });
            assertThat(verify(signed).statusNotChecked()).isTrue(); // authentic (trust material only)

            byte[] forged = Forgery.incrementalUpdate(signed, document -> {
                PDPage page = document.getPage(0);
                COSStream shadow = xObject(document, "Shadow");
                page.getCOSObject().setItem(COSName.CONTENTS, shadow);
                return Set.of(page.getCOSObject());
            });

            assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
        }
    }

    @Nested
    class CertifiedDocumentChanges {
        @Test
        void anEvilAnnotationAddedAfterCertificationIsRejected() {
            byte[] forged = Forgery.incrementalUpdate(pdf, document -> {
                PDPage page = document.getPage(0);
                PDAnnotationText note = new PDAnnotationText();
                note.setRectangle(new PDRectangle(40, 40, 300, 60));
                note.setContents("Valable jusqu'en 2099");
                List<PDAnnotation> annotations = new ArrayList<>(page.getAnnotations());
                annotations.add(note);
                page.setAnnotations(annotations);
                return Set.of(page.getCOSObject(), note.getCOSObject());
            });

            assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
        }

        @Test
        void aSneakySignatureWidgetAddedAfterCertificationIsRejected() {
            byte[] forged = Forgery.incrementalUpdate(pdf, document -> {
                PDPage page = document.getPage(0);
                PDAcroForm form = document.getDocumentCatalog().getAcroForm();
                PDSignatureField field = new PDSignatureField(form);
                field.setPartialName("Sneaky");
                PDAnnotationWidget widget = field.getWidgets().get(0);
                widget.setRectangle(new PDRectangle(40, 40, 300, 60));
                widget.setPage(page);
                List<PDAnnotation> annotations = new ArrayList<>(page.getAnnotations());
                annotations.add(widget);
                page.setAnnotations(annotations);
                COSArray fields = form.getCOSObject().getCOSArray(COSName.FIELDS);
                fields.add(field.getCOSObject());
                return Set.of(
                        page.getCOSObject(),
                        form.getCOSObject(),
                        field.getCOSObject(),
                        document.getDocumentCatalog().getCOSObject());
            });

            assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
        }

        @Test
        void aSecondSignatureAddedAfterCertificationIsRejected() {
            SignerKey forger = Forgery.selfSignedLookAlike(officeKey.certificate());

            assertRejected(
                    new PadesSigner(forger).sign(pdf, OFFICE_NAME, "approval"), ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
        }
    }

    @Nested
    class ReSigning {
        @Test
        void reSigningWithASelfSignedLookAlikeOfTheOfficeIsRejected() {
            SignerKey lookAlike = Forgery.selfSignedLookAlike(officeKey.certificate());
            byte[] forged = new PadesSigner(lookAlike).sign(Forgery.firstRevision(pdf), OFFICE_NAME, "look-alike");

            assertRejected(forged, ReasonCode.PDF_SIGNER_UNTRUSTED);
        }

        @Test
        void reSigningWithALookAlikeRootAndOfficeIsRejected() {
            SignerKey lookAlike = Forgery.lookAlikeChain(OFFICE_NAME, CLOCK.instant());
            assertThat(lookAlike.certificate().getSubjectX500Principal())
                    .isEqualTo(officeKey.certificate().getSubjectX500Principal());
            byte[] forged = new PadesSigner(lookAlike).sign(Forgery.firstRevision(pdf), OFFICE_NAME, "look-alike");

            assertRejected(forged, ReasonCode.PDF_SIGNER_UNTRUSTED);
        }

        @Test
        void reSigningWithAnotherKeyUnderTheGenuineCertificateIsRejected() {
            SignerKey forger = Forgery.lookAlikeChain(OFFICE_NAME, CLOCK.instant());
            SignerKey borrowed = new SignerKey("PAR", forger.privateKey(), officeKey.chain());
            byte[] forged = new PadesSigner(borrowed).sign(Forgery.firstRevision(pdf), OFFICE_NAME, "borrowed");

            assertRejected(forged, ReasonCode.PDF_SIGNATURE_INVALID);
        }

        @Test
        void theUnsignedRenderingIsRejected() {
            assertRejected(Forgery.firstRevision(pdf), ReasonCode.PDF_UNSIGNED);
        }
    }

    @Nested
    class Limits {
        @Test
        void aFileWithTooManyRevisionsIsNotChecked() {
            byte[] forged = Forgery.append(pdf, "%%EOF\n".repeat(PdfSignatureVerifier.MAX_REVISIONS));

            VerificationReport report = verify(forged);

            assertThat(report.reasons()).containsExactly(ReasonCode.INPUT_TOO_LARGE);
        }

        @Test
        void aFileWithTooManyObjectsIsNotChecked() {
            StringBuilder body = new StringBuilder("%PDF-1.7\n");
            List<Integer> offsets = new ArrayList<>();
            int count = PdfSignatureVerifier.MAX_OBJECTS + 1;
            for (int i = 1; i <= count; i++) {
                offsets.add(body.length());
                String object =
                        switch (i) {
                            case 1 -> "<< /Type /Catalog /Pages 2 0 R >>";
                            case 2 -> "<< /Type /Pages /Kids [] /Count 0 >>";
                            default -> "null";
                        };
                body.append(i).append(" 0 obj\n").append(object).append("\nendobj\n");
            }
            int xref = body.length();
            body.append("xref\n0 ").append(count + 1).append("\n0000000000 65535 f\r\n");
            offsets.forEach(offset -> body.append(String.format("%010d 00000 n\r\n", offset)));
            body.append("trailer\n<< /Size ").append(count + 1).append(" /Root 1 0 R >>\nstartxref\n");
            body.append(xref).append("\n%%EOF\n");

            VerificationReport report = verify(body.toString().getBytes(StandardCharsets.ISO_8859_1));

            assertThat(report.reasons()).containsExactly(ReasonCode.INPUT_TOO_LARGE);
        }

        @Test
        void anUnsignedAttributeOtherThanTheTimestampIsRejected() throws Exception {
            CMSSignedData data = new CMSSignedData(Forgery.cms(pdf));
            SignerInformation signer =
                    data.getSignerInfos().getSigners().iterator().next();
            ASN1EncodableVector attributes = signer.getUnsignedAttributes().toASN1EncodableVector();
            attributes.add(new Attribute(
                    PKCSObjectIdentifiers.pkcs_9_at_signingTime, new DERSet(new DERUTCTime(new java.util.Date()))));
            SignerInformation extended =
                    SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(attributes));
            CMSSignedData forged = CMSSignedData.replaceSigners(data, new SignerInformationStore(extended));

            assertRejected(Forgery.withCms(pdf, forged.getEncoded("DER")), ReasonCode.PDF_SIGNATURE_FORMAT);
        }

        @Test
        void aSignatureThatDoesNotCertifyWithNoChangesAllowedIsRejected() {
            assertRejected(
                    Forgery.replaceSameLength(pdf, "/TransformParams\n/P 1", "/TransformParams\n/P 2"),
                    ReasonCode.PDF_SIGNATURE_FORMAT);
        }
    }

    @Nested
    class AfterEndOfFile {
        @Test
        void bytesAfterTheLastEndOfFileMarkerAreRejected() {
            assertRejected(Forgery.append(pdf, "\n"), ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
            assertRejected(Forgery.append(pdf, "garbage"), ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
            assertRejected(
                    Forgery.append(pdf, "\n1 0 obj\n(hidden)\nendobj\n%%EOF\n"), ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
        }
    }

    private interface Preparation {
        void apply(PDDocument document) throws IOException;
    }

    /** Prepares the rendered certificate with PDFBox and has the office sign it, as issuance would. */
    private static byte[] signPrepared(Preparation preparation) throws IOException {
        try (PDDocument document = Loader.loadPDF(Forgery.firstRevision(pdf))) {
            preparation.apply(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return new PadesSigner(officeKey, timestamps).sign(out.toByteArray(), OFFICE_NAME, "prepared");
        }
    }

    private static PDFormXObject form(PDDocument document, String content) throws IOException {
        PDFormXObject form = new PDFormXObject(document);
        form.setBBox(new PDRectangle(0, 0, 600, 850));
        try (OutputStream out = form.getContentStream().createOutputStream()) {
            out.write(content.getBytes(StandardCharsets.US_ASCII));
        }
        return form;
    }

    /** Draws {@code form} on top of the first page under the resource name {@code name}. */
    private static void addToPage(PDDocument document, String name, PDFormXObject form) throws IOException {
        PDPage page = document.getPage(0);
        page.getResources().put(COSName.getPDFName(name), form);
        PDStream extra = new PDStream(document);
        try (OutputStream out = extra.createOutputStream()) {
            out.write(("q /" + name + " Do Q").getBytes(StandardCharsets.US_ASCII));
        }
        COSArray contents = new COSArray();
        var existing = page.getCOSObject().getDictionaryObject(COSName.CONTENTS);
        if (existing instanceof COSArray array) {
            contents.addAll(array);
        } else {
            contents.add(page.getCOSObject().getItem(COSName.CONTENTS));
        }
        contents.add(extra.getCOSObject());
        page.getCOSObject().setItem(COSName.CONTENTS, contents);
    }

    private static COSStream xObject(PDDocument document, String name) {
        COSDictionary xObjects =
                document.getPage(0).getResources().getCOSObject().getCOSDictionary(COSName.XOBJECT);
        return (COSStream) xObjects.getDictionaryObject(COSName.getPDFName(name));
    }

    /**
     * The PDF checks alone, without the issuer's registry: the prepared documents of the shadow attacks are signed
     * with the office key outside issuance, so the registry rightly does not know them (REGISTRY_MISMATCH); these
     * tests are about what the PDF itself proves.
     */
    private static VerificationReport verify(byte[] bytes) {
        return new VerificationService(services.trustStore(), CLOCK).verifyPdf(bytes);
    }

    private static void assertRejected(byte[] forged, ReasonCode expected) {
        VerificationReport report = verify(forged);

        assertThat(report.verdict()).as("%s", report.checks()).isEqualTo(Verdict.INVALID);
        assertThat(report.reasons()).as("%s", report.checks()).contains(expected);
        assertThat(report.certificate()).isEmpty();
    }
}
