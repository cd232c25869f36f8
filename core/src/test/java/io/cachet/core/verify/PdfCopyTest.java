package io.cachet.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestHomes;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.multipdf.LayerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scanned or printed-to-PDF copy of a certificate is verified like a photo, with a note that it
 * is a copy; a signed original whose signature was removed stays not authentic.
 */
class PdfCopyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    static Path folder;

    static CachetServices services;
    static IssuedCertificate issued;
    static byte[] signed;

    @BeforeAll
    static void issueOne() throws Exception {
        services = TestHomes.create(folder.resolve("home"), CLOCK);
        issued = services.issuance()
                .issue(
                        "visa-validation",
                        TestHomes.sample(services, "visa-validation"),
                        folder.resolve("visa.pdf"),
                        Locale.FRENCH);
        signed = Files.readAllBytes(issued.file());
    }

    /** What a scanner makes: the page as a 200 dpi JPEG, alone on the page of a new, unsigned PDF. */
    static byte[] scanned(byte[] original) throws Exception {
        try (PDDocument source = Loader.loadPDF(original);
                PDDocument scan = new PDDocument()) {
            BufferedImage page = new PDFRenderer(source).renderImageWithDPI(0, 200, ImageType.RGB);
            PDPage sheet = new PDPage(PDRectangle.A4);
            scan.addPage(sheet);
            PDImageXObject image = JPEGFactory.createFromImage(scan, page, 0.85f);
            try (PDPageContentStream content = new PDPageContentStream(scan, sheet)) {
                content.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
            }
            return save(scan);
        }
    }

    /** What "print to PDF" makes: the page's drawing copied into a new, unsigned file, the QR code inside a form. */
    static byte[] printedToPdf(byte[] original) throws Exception {
        try (PDDocument source = Loader.loadPDF(original);
                PDDocument printed = new PDDocument()) {
            PDPage sheet = new PDPage(source.getPage(0).getMediaBox());
            printed.addPage(sheet);
            PDFormXObject form = new LayerUtility(printed).importPageAsForm(source, 0);
            try (PDPageContentStream content = new PDPageContentStream(printed, sheet)) {
                content.drawForm(form);
            }
            return save(printed);
        }
    }

    /** The signed original with its signature field, widget and certification taken out, saved as a new file. */
    static byte[] stripped(byte[] original, boolean eraseProducer) throws Exception {
        try (PDDocument document = Loader.loadPDF(original)) {
            document.getDocumentCatalog().getCOSObject().removeItem(COSName.PERMS);
            PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
            if (form != null) {
                form.setFields(new ArrayList<>());
                form.getCOSObject().removeItem(COSName.SIG_FLAGS);
            }
            for (PDPage page : document.getPages()) {
                List<PDAnnotation> kept = new ArrayList<>(page.getAnnotations());
                kept.removeIf(annotation -> annotation instanceof PDAnnotationWidget);
                page.setAnnotations(kept);
            }
            if (eraseProducer) {
                document.getDocumentInformation().setProducer("Microsoft: Print To PDF");
            }
            return save(document);
        }
    }

    static byte[] save(PDDocument document) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    private static VerificationService trustOnly() {
        return new VerificationService(services.trustStore(), CLOCK);
    }

    @Test
    void aScannedCopyGetsTheSealsVerdictAndSaysItIsACopy() throws Exception {
        VerificationReport report = trustOnly().verifyPdf(scanned(signed));

        // Authentic, nothing against it; with trust material only, its status was not checked.
        assertThat(report.statusNotChecked()).as("%s", report.checks()).isTrue();
        assertThat(report.verifiedFromCopy()).isTrue();
        assertThat(report.checks())
                .filteredOn(check -> check.name().equals("pdf.copy"))
                .singleElement()
                .satisfies(check -> {
                    assertThat(check.outcome()).isEqualTo(Check.Outcome.PASSED);
                    assertThat(check.detail()).contains("COPY").contains("not the signed original");
                });
        assertThat(report.checks())
                .filteredOn(check -> check.name().equals("pdf.signature"))
                .singleElement()
                .extracting(Check::outcome)
                .isEqualTo(Check.Outcome.SKIPPED);
        assertThat(report.certificate())
                .hasValueSatisfying(certificate ->
                        assertThat(certificate.id()).isEqualTo(issued.id().value()));
    }

    @Test
    void aCopyIsCheckedAgainstTheRegistryLikeAPhoto() throws Exception {
        VerificationReport report = services.verification().verifyFile(scanned(signed));

        assertThat(report.verdict()).as("%s", report.checks()).isEqualTo(Verdict.VALID);
        assertThat(report.verifiedFromCopy()).isTrue();
        assertThat(report.checks())
                .filteredOn(check -> check.name().equals("registry.match"))
                .singleElement()
                .satisfies(check -> assertThat(check.detail()).isEqualTo("the seal is the one recorded"));
    }

    @Test
    void aPrintedToPdfCopyIsReadFromTheRenderedPage() throws Exception {
        VerificationReport report = trustOnly().verifyPdf(printedToPdf(signed));

        // Authentic, nothing against it; with trust material only, its status was not checked.
        assertThat(report.statusNotChecked()).as("%s", report.checks()).isTrue();
        assertThat(report.verifiedFromCopy()).isTrue();
    }

    @Test
    void aSignedOriginalWithItsSignatureStrippedStaysNotAuthentic() throws Exception {
        VerificationReport report = trustOnly().verifyPdf(stripped(signed, false));

        assertThat(report.verdict()).as("%s", report.checks()).isEqualTo(Verdict.INVALID);
        assertThat(report.reasons()).contains(ReasonCode.PDF_UNSIGNED);
        assertThat(report.verifiedFromCopy()).isFalse();
        assertThat(report.certificate()).isEmpty();
        assertThat(report.checks())
                .filteredOn(check -> check.name().equals("pdf.copy"))
                .singleElement()
                .satisfies(check -> assertThat(check.detail()).contains("produced by Cachet"));
    }

    @Test
    void anOriginalStrippedOfEveryMarkIsNeverMoreThanACopy() throws Exception {
        // Erasing the marks too gains a forger nothing: the verdict is the seal's, and the report says "copy".
        VerificationReport report = trustOnly().verifyPdf(stripped(signed, true));

        assertThat(report.verifiedFromCopy()).isTrue();
        assertThat(report.checks())
                .filteredOn(check -> check.name().equals("pdf.signature"))
                .singleElement()
                .extracting(Check::outcome)
                .isEqualTo(Check.Outcome.SKIPPED);
    }

    @Test
    void anUnsignedPdfWithoutACodeIsStillUnsigned() throws Exception {
        byte[] blank;
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage(PDRectangle.A4));
            blank = save(document);
        }

        VerificationReport report = trustOnly().verifyPdf(blank);

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.reasons()).containsExactly(ReasonCode.PDF_UNSIGNED);
        assertThat(report.verifiedFromCopy()).isFalse();
    }

    @Test
    void aPageDeclaringAnEnormousSizeIsRenderedWithinBounds() throws Exception {
        // 200 x 200 inches: 1.6 billion pixels at 200 dpi.
        PDRectangle enormous = new PDRectangle(14_400, 14_400);

        float scale = PdfCopies.renderScale(enormous).orElseThrow();
        float a4 = PdfCopies.renderScale(PDRectangle.A4).orElseThrow();

        assertThat((double) enormous.getWidth() * scale * enormous.getHeight() * scale)
                .isLessThanOrEqualTo(PdfCopies.MAX_RENDER_PIXELS * 1.0001);
        assertThat(a4).isEqualTo(200f / 72f);
        assertThat(PdfCopies.renderScale(new PDRectangle(0, 0))).isEmpty();
        byte[] huge;
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage(enormous));
            huge = save(document);
        }
        assertThat(trustOnly().verifyPdf(huge).reasons()).containsExactly(ReasonCode.PDF_UNSIGNED);
    }
}
