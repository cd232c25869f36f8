package io.cachet.core.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.common.BitMatrix;
import io.cachet.core.HostileImages;
import io.cachet.core.TestKeys;
import io.cachet.core.budget.Deadline;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seal is read from pictures as people take them: rotated, skewed, small, faint, inverted, crowded. */
class QrImageReaderTest {
    private static final QrImageReader READER = new QrImageReader(List.of(SealText.CACHET_PREFIX));
    private static String seal;

    @BeforeAll
    static void sign() {
        Instant now = Instant.parse("2026-11-20T09:00:00Z");
        seal = new SealSigner(TestKeys.create(now).signer())
                .sign(TestKeys.visaClaims(now, now.plusSeconds(31_536_000)));
    }

    @Test
    void readsACodeBesideTextAndAnotherQrCode() {
        assertThat(READER.read(page(6))).hasValue(seal);
    }

    @Test
    void readsARotatedPhoto() {
        for (int degrees : new int[] {17, 90, 180, 263}) {
            assertThat(READER.read(rotate(page(6), degrees))).as("%d°", degrees).hasValue(seal);
        }
    }

    @Test
    void readsASkewedPhoto() {
        BufferedImage skewed = transform(page(6), AffineTransform.getShearInstance(0.08, 0.04));
        assertThat(READER.read(skewed)).hasValue(seal);
    }

    @Test
    void readsASmallCode() {
        assertThat(READER.read(page(2))).hasValue(seal);
    }

    @Test
    void readsAFaintPhotocopy() {
        assertThat(READER.read(recolour(page(5), 0x8A8A8A, 0xB4B4B4))).hasValue(seal);
    }

    @Test
    void readsAnInvertedCode() {
        assertThat(READER.read(recolour(page(5), 0xFFFFFF, 0x000000))).hasValue(seal);
    }

    @Test
    void readsABlurredNoisyJpeg() throws Exception {
        BufferedImage photo = noise(blur(rotate(page(6), 8)), 40);
        assertThat(READER.read(jpeg(photo, 0.4f))).hasValue(seal);
    }

    @Test
    void findsNothingInAPageWithoutCode() {
        BufferedImage blank = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blank.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 800, 600);
        g.setColor(Color.BLACK);
        g.drawString("Attestation sans code", 100, 100);
        g.dispose();
        assertThat(READER.read(blank)).isEmpty();
    }

    @Test
    void refusesAPictureTiledWithFinderPatternsWithoutSearchingIt() {
        QrSearch search = READER.search(HostileImages.finderPatternGrid(20), Deadline.none());

        assertThat(search)
                .isInstanceOfSatisfying(
                        QrSearch.GaveUp.class,
                        gaveUp -> assertThat(gaveUp.why()).isEqualTo(QrSearch.Why.TOO_MANY_FINDER_PATTERNS));
    }

    @Test
    void readsACodeBesideSixteenFinderPatternLookAlikes() {
        BufferedImage crowded = page(6);
        Graphics2D g = crowded.createGraphics();
        g.drawImage(HostileImages.finderPatternGrid(4), crowded.getWidth() - 140, 0, null); // above the other code
        g.dispose();

        assertThat(READER.search(crowded, Deadline.none())).isEqualTo(new QrSearch.Found(seal));
    }

    @Test
    void theSingleCodeReaderRefusesStripesThatWouldMakeItWalkEveryColumn() {
        // What PdfSignatureVerifier does with an image inside a PDF: the same caps apply.
        assertThat(QrCodes.search(HostileImages.verticalStripes(2000), Deadline.none()))
                .isInstanceOfSatisfying(
                        QrSearch.GaveUp.class,
                        gaveUp -> assertThat(gaveUp.why()).isEqualTo(QrSearch.Why.TOO_MANY_FINDER_PATTERNS));
        assertThat(QrCodes.read(HostileImages.verticalStripes(2000))).isEmpty();
    }

    @Test
    void stopsWhenItsWorkIsCancelled() {
        Thread.currentThread().interrupt(); // what the pool does when the deadline passes or the client hangs up
        try {
            assertThat(READER.search(page(6), Deadline.none()))
                    .isInstanceOfSatisfying(
                            QrSearch.GaveUp.class,
                            gaveUp -> assertThat(gaveUp.why()).isEqualTo(QrSearch.Why.OUT_OF_TIME));
        } finally {
            Thread.interrupted();
        }
        assertThat(READER.search(page(6), Deadline.after(java.time.Duration.ofSeconds(30))))
                .isEqualTo(new QrSearch.Found(seal));
    }

    /** A page with text, the seal and, nearby, another QR code holding a web address. */
    private static BufferedImage page(int pixelsPerModule) {
        BitMatrix code = QrCodes.modules(seal);
        BitMatrix other = QrCodes.modules("HTTPS://EXAMPLE.ORG/SOMETHING-ELSE");
        int size = code.getWidth() * pixelsPerModule;
        int width = size * 3;
        int height = size * 2;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, pixelsPerModule * 3)));
        for (int line = 0; line < 6; line++) {
            g.drawString(
                    "Attestation n° 7K2M-9QXH-4TWD-R8NB-5 — Vérifiez ce document",
                    size / 4,
                    size / 6 + line * pixelsPerModule * 5);
        }
        draw(g, code, pixelsPerModule, size / 3, size / 2 + pixelsPerModule * 10);
        draw(g, other, pixelsPerModule, size * 2, size / 2 + pixelsPerModule * 10);
        g.dispose();
        return image;
    }

    private static void draw(Graphics2D g, BitMatrix matrix, int scale, int left, int top) {
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    g.fillRect(left + x * scale, top + y * scale, scale, scale);
                }
            }
        }
    }

    private static BufferedImage rotate(BufferedImage image, int degrees) {
        double radians = Math.toRadians(degrees);
        double sin = Math.abs(Math.sin(radians));
        double cos = Math.abs(Math.cos(radians));
        int width = (int) Math.ceil(image.getWidth() * cos + image.getHeight() * sin);
        int height = (int) Math.ceil(image.getHeight() * cos + image.getWidth() * sin);
        AffineTransform transform = new AffineTransform();
        transform.translate(width / 2.0, height / 2.0);
        transform.rotate(radians);
        transform.translate(-image.getWidth() / 2.0, -image.getHeight() / 2.0);
        return draw(image, transform, width, height);
    }

    private static BufferedImage transform(BufferedImage image, AffineTransform transform) {
        var bounds = transform
                .createTransformedShape(new java.awt.Rectangle(image.getWidth(), image.getHeight()))
                .getBounds();
        AffineTransform shifted = AffineTransform.getTranslateInstance(-bounds.x, -bounds.y);
        shifted.concatenate(transform);
        return draw(image, shifted, bounds.width, bounds.height);
    }

    private static BufferedImage draw(BufferedImage image, AffineTransform transform, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, transform, null);
        g.dispose();
        return out;
    }

    private static BufferedImage recolour(BufferedImage image, int dark, int light) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int level = image.getRGB(x, y) & 0xFF;
                out.setRGB(x, y, level < 128 ? dark : light);
            }
        }
        return out;
    }

    private static BufferedImage blur(BufferedImage image) {
        float[] kernel = new float[9];
        java.util.Arrays.fill(kernel, 1f / 9);
        return new ConvolveOp(new Kernel(3, 3, kernel), ConvolveOp.EDGE_NO_OP, null).filter(image, null);
    }

    private static BufferedImage noise(BufferedImage image, int amplitude) {
        Random random = new Random(7);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int level = (image.getRGB(x, y) & 0xFF) + random.nextInt(2 * amplitude + 1) - amplitude;
                level = Math.max(0, Math.min(255, level));
                image.setRGB(x, y, (level << 16) | (level << 8) | level);
            }
        }
        return image;
    }

    private static BufferedImage jpeg(BufferedImage image, float quality) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var output = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            parameters.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), parameters);
        }
        writer.dispose();
        return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
    }
}
