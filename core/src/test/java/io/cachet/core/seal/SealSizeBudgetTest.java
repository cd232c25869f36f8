package io.cachet.core.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.TestHomes;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.services.CachetServices;
import io.cachet.core.types.CertificateType;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.apache.commons.codec.binary.Base45;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every type's seal, issued from its sample data, fits the QR budget (version ≤ 15 at level Q, usually ≤ 13), and
 * its QR code reads back from a 150 dpi grayscale rendering of the page. The per-type sizes in
 * docs/seal-format.md are measured here: the test fails when the table differs ({@code -Dcachet.updateDocs=true}
 * rewrites it).
 */
class SealSizeBudgetTest {
    private static final Path SPEC = Path.of("..", "docs", "seal-format.md");
    private static final String START = "<!-- sizes:start -->";
    private static final String END = "<!-- sizes:end -->";
    private static final QrImageReader READER = new QrImageReader(List.of(SealText.CACHET_PREFIX));

    @TempDir
    static Path folder;

    static CachetServices services;

    @BeforeAll
    static void home() {
        services = TestHomes.create(
                folder.resolve("home"), Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void everyTypeFitsTheBudgetAndTheSpecShowsTheMeasuredSizes() throws Exception {
        StringBuilder table = new StringBuilder();
        table.append(
                "| type | CBOR claims (B) | COSE_Sign1 (B) | zlib | Base45 + prefix (chars) | QR version (level Q) |\n");
        table.append("| --- | ---: | ---: | --- | ---: | ---: |\n");
        for (CertificateType type : services.catalog().types()) {
            IssuedCertificate issued = issue(type);
            String seal = issued.seal();
            byte[] base45 = new Base45()
                    .decode(seal.substring(SealText.CACHET_PREFIX.length()).getBytes(StandardCharsets.US_ASCII));
            SealText.Layers layers = SealText.decode(seal, SealText.CACHET_PREFIX);
            CoseSign1 cose = CoseSign1.parse(layers.cose());
            int version = QrCodes.version(seal);
            assertThat(version).as(type.id()).isLessThanOrEqualTo(15);
            table.append("| `")
                    .append(type.id())
                    .append("` | ")
                    .append(cose.payload().length)
                    .append(" | ")
                    .append(layers.cose().length)
                    .append(" | ")
                    .append(layers.compressed() ? "yes (" + base45.length + " B)" : "no")
                    .append(" | ")
                    .append(seal.length())
                    .append(" | ")
                    .append(version)
                    .append(" |\n");
        }
        String spec = Files.readString(SPEC);
        int start = spec.indexOf(START);
        int end = spec.indexOf(END);
        assertThat(start).as("markers in %s", SPEC).isPositive();
        String updated = spec.substring(0, start + START.length()) + "\n" + table + spec.substring(end);
        if (Boolean.getBoolean("cachet.updateDocs")) {
            Files.writeString(SPEC, updated);
            spec = updated;
        }
        assertThat(spec)
                .as("measured sizes (rerun with -Dcachet.updateDocs=true to update the spec)")
                .isEqualTo(updated);
    }

    @Test
    void theUsualSealFitsVersion13() throws Exception {
        IssuedCertificate issued = issue(services.catalog().get("visa-validation"));
        assertThat(QrCodes.version(issued.seal())).isLessThanOrEqualTo(13);
    }

    @Test
    void everyTypesQrReadsFromA150DpiGrayscaleRendering() throws Exception {
        for (CertificateType type : services.catalog().types()) {
            IssuedCertificate issued = issue(type);
            try (PDDocument document = Loader.loadPDF(issued.file().toFile())) {
                BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 150, ImageType.GRAY);
                assertThat(READER.read(page)).as(type.id()).hasValue(issued.seal());
            }
        }
    }

    private static IssuedCertificate issue(CertificateType type) throws Exception {
        return services.issuance()
                .issue(
                        type.id(),
                        new ObjectMapper().readTree(type.sampleJson()),
                        id -> folder.resolve(type.id() + "-" + id.value() + ".pdf"),
                        Locale.FRENCH);
    }
}
