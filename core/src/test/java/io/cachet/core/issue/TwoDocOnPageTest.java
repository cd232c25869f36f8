package io.cachet.core.issue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestHomes;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.render.CertificateRenderer;
import io.cachet.core.services.CachetServices;
import io.cachet.core.twodoc.TwoDoc;
import io.cachet.core.twodoc.TwoDocCertificate;
import io.cachet.core.twodoc.TwoDocDecoder;
import io.cachet.core.twodoc.TwoDocMatrix;
import io.cachet.core.twodoc.TwoDocSignature;
import io.cachet.core.twodoc.TwoDocVerification;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every issued certificate carries a 2D-Doc DataMatrix beside its QR seal: read back by ZXing from the PDF page
 * rendered at 300 dpi, it is the code issuance made, and its signature verifies with the office's certificate under
 * the home's CA id and the certificate id derived from the key.
 */
class TwoDocOnPageTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    static Path folder;

    static CachetServices services;
    static X509Certificate office;

    @BeforeAll
    static void home() {
        services = TestHomes.create(folder.resolve("home"), CLOCK);
        SignerKey key = services.keys().activeSigner("PAR");
        office = key.certificate();
    }

    static List<String> types() {
        return TestHomes.bundledTypeIds();
    }

    @ParameterizedTest
    @MethodSource("types")
    void theDataMatrixOnThePageVerifiesWithTheOfficeCertificate(String type) throws Exception {
        IssuedCertificate issued = services.issuance()
                .issue(type, TestHomes.sample(services, type), folder.resolve(type + ".pdf"), Locale.FRENCH);

        byte[] pdf = Files.readAllBytes(issued.file());
        // The size budget of docs/pdf-signature.md holds with the DataMatrix.
        assertThat(pdf.length).as("bytes of the %s PDF", type).isLessThanOrEqualTo(60 * 1024);
        BufferedImage page;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            page = new PDFRenderer(document).renderImageWithDPI(0, CertificateRenderer.TWODOC_DPI, ImageType.GRAY);
        }
        String read = TwoDocMatrix.search(page)
                .orElseThrow(
                        () -> new AssertionError("no DataMatrix read on the page of " + type + " rendered at 300 dpi"));

        assertThat(read).isEqualTo(issued.twoDoc().orElseThrow());
        TwoDoc code = TwoDocDecoder.decode(read);
        assertThat(code.header().caId()).isEqualTo("FR00");
        assertThat(code.header().certificateId())
                .isEqualTo(services.keys()
                        .activeSigner("PAR")
                        .kid()
                        .hex()
                        .substring(0, 4)
                        .toUpperCase(Locale.ROOT));
        assertThat(code.header().issueDate()).contains(LocalDate.of(2026, 11, 20));
        assertThat(code.value("01")).contains(issued.id().value().replace("-", ""));
        assertThat(TwoDocSignature.verify(code, TwoDocCertificate.ofOffice("FR00", office)))
                .isEqualTo(new TwoDocVerification.Valid());
    }
}
