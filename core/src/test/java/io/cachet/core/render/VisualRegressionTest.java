package io.cachet.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.TemplateFolders;
import io.cachet.core.types.DataValidator;
import io.cachet.core.types.TypeCatalog;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;

/**
 * Renders one fixed specimen (visa-validation sample, id SPECIMEN, fixed dates, no seal: a seal's ECDSA signature
 * is random) to an image at 72 dpi and compares it with {@value #REFERENCE}.
 *
 * <p>Tolerance: a pixel differs when any RGB channel differs by more than {@value #CHANNEL_TOLERANCE} (of 255),
 * which absorbs anti-aliasing differences between JDKs; the test fails when more than {@value #MAX_DIFFERING}
 * (0.5 %) of the pixels differ. A moved block or a changed line of text moves far more than that.
 *
 * <p>After an intended change of the look, regenerate the reference and review it before committing:
 * {@code ./mvnw -B -pl templates,core test -Dtest=VisualRegressionTest -Dcachet.visual.update=true}.
 */
class VisualRegressionTest {
    static final String REFERENCE = "src/test/resources/visual/visa-validation-specimen.png";
    static final int CHANNEL_TOLERANCE = 48;
    static final double MAX_DIFFERING = 0.005;
    static final String UPDATE_PROPERTY = "cachet.visual.update";

    @Test
    void theVisaValidationSpecimenLooksLikeTheReference() throws Exception {
        BufferedImage actual = render();
        Path reference = Path.of(REFERENCE);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(reference.getParent());
            ImageIO.write(actual, "png", reference.toFile());
        }
        if (!Files.exists(reference)) {
            fail("the visual reference " + reference.toAbsolutePath() + " is missing: create it with"
                    + " ./mvnw -B -pl templates,core test -Dtest=VisualRegressionTest -D" + UPDATE_PROPERTY
                    + "=true, look at it, and commit it");
        }
        BufferedImage expected = ImageIO.read(reference.toFile());

        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
        long differing = 0;
        for (int y = 0; y < actual.getHeight(); y++) {
            for (int x = 0; x < actual.getWidth(); x++) {
                if (differs(actual.getRGB(x, y), expected.getRGB(x, y))) {
                    differing++;
                }
            }
        }
        double fraction = (double) differing / ((long) actual.getWidth() * actual.getHeight());
        assertThat(fraction)
                .as(
                        "fraction of differing pixels, %d pixels (regenerate with -D%s=true if the change is intended)",
                        differing, UPDATE_PROPERTY)
                .isLessThanOrEqualTo(MAX_DIFFERING);
    }

    @Test
    void aChangedNameIsCaughtByTheComparison() throws Exception {
        BufferedImage a = render();
        BufferedImage b = render("ELAMRANI-BENNANI");
        long differing = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (differs(a.getRGB(x, y), b.getRGB(x, y))) {
                    differing++;
                }
            }
        }
        // One changed field must exceed a good share of the tolerance, or the test above would be toothless.
        assertThat(differing).isGreaterThan(50);
    }

    private static boolean differs(int rgb1, int rgb2) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb1 >> shift) & 0xFF) - ((rgb2 >> shift) & 0xFF)) > CHANNEL_TOLERANCE) {
                return true;
            }
        }
        return false;
    }

    static BufferedImage render() throws Exception {
        return render(null);
    }

    static BufferedImage render(String familyName) throws Exception {
        TypeCatalog catalog = TypeCatalog.load(TemplateFolders.SOURCE);
        var data = (com.fasterxml.jackson.databind.node.ObjectNode)
                new ObjectMapper().readTree(catalog.get("visa-validation").sampleJson());
        if (familyName != null) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) data.get("holder")).put("familyName", familyName);
        }
        byte[] pdf = new CertificateRenderer(catalog)
                .render(new RenderRequest(
                        DataValidator.validate(catalog.get("visa-validation"), data),
                        "SPECIMEN",
                        Instant.parse("2026-11-20T10:15:30Z"),
                        Optional.of(Instant.parse("2027-11-20T10:15:30Z")),
                        "PAR",
                        "Direction territoriale de Paris",
                        Optional.empty(),
                        "https://verifier.example",
                        Locale.FRENCH,
                        true));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 72, ImageType.RGB);
            // Round-trip through PNG so both sides of the comparison went through the same encoding.
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        }
    }
}
