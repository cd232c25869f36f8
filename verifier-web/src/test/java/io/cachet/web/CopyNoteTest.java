package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page and the API say plainly that a scanned PDF is a copy, not the signed original. */
class CopyNoteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestCertificates certificates;
    private static Javalin app;
    private static Http http;
    private static byte[] scan;

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.get();
        app = VerifierApp.create(certificates.services.verification(), VerifierConfig.onPort(0))
                .start("127.0.0.1", 0);
        http = new Http("http://127.0.0.1:" + app.port());
        try (PDDocument original = Loader.loadPDF(Files.readAllBytes(certificates.issued.file()));
                PDDocument copy = new PDDocument()) {
            BufferedImage page = new PDFRenderer(original).renderImageWithDPI(0, 200, ImageType.RGB);
            PDPage sheet = new PDPage(PDRectangle.A4);
            copy.addPage(sheet);
            try (PDPageContentStream content = new PDPageContentStream(copy, sheet)) {
                content.drawImage(
                        JPEGFactory.createFromImage(copy, page, 0.85f),
                        0,
                        0,
                        PDRectangle.A4.getWidth(),
                        PDRectangle.A4.getHeight());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copy.save(out);
            scan = out.toByteArray();
        }
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void theResultPageOfAScannedPdfSaysItIsACopy() throws Exception {
        HttpResponse<String> response = http.postFile("/verify?lang=en", "scan.pdf", scan);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("data-verdict=\"VALID\"")
                .contains("id=\"copy-note\"")
                .contains("This file is a COPY of the certificate");
    }

    @Test
    void theSignedOriginalHasNoCopyNote() throws Exception {
        HttpResponse<String> response =
                http.postFile("/verify?lang=fr", "visa.pdf", Files.readAllBytes(certificates.issued.file()));

        assertThat(response.body()).contains("data-verdict=\"VALID\"").doesNotContain("copy-note");
    }

    @Test
    void theApiReportOfAScannedPdfHasAPassedCopyCheck() throws Exception {
        HttpResponse<String> response = http.postFile("/api/v1/verify", "scan.pdf", scan);

        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("verdict").asText()).isEqualTo("VALID");
        assertThat(report.get("checks").findValues("name").toString()).contains("\"pdf.copy\"");
        assertThat(report.get("checks").toString()).contains("not the signed original");
    }
}
