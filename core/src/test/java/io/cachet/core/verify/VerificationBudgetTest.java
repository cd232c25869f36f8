package io.cachet.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.common.BitMatrix;
import io.cachet.core.HostileImages;
import io.cachet.core.TestKeys;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.seal.QrCodes;
import io.cachet.core.seal.SealSigner;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every verification of a file has a budget: pictures crafted to keep the QR reader busy for minutes
 * are answered UNREADABLE (BUDGET_EXCEEDED) within it and in little memory, while genuine photos still verify.
 */
class VerificationBudgetTest {
    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
    private static final Duration BUDGET = Duration.ofSeconds(5);

    @ParameterizedTest
    @ValueSource(ints = {12, 20})
    void aPhotoTiledWithFinderPatternsIsUnreadableWithinTheBudget(int grid) {
        VerificationService service = service(TrustStore.of(List.of(), List.of()), BUDGET);
        byte[] png = HostileImages.png(HostileImages.finderPatternGrid(grid));
        assertThat(png.length).isLessThan(2048);

        long start = System.nanoTime();
        VerificationReport report = service.verifyImage(png);

        assertThat(report.verdict()).isEqualTo(Verdict.UNREADABLE);
        assertThat(report.reasons()).containsExactly(ReasonCode.BUDGET_EXCEEDED);
        assertThat(report.checks().get(0).detail()).contains("corner squares of a QR code");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BUDGET.multipliedBy(3));
    }

    /**
     * Run in a JVM of its own with a 256 MB heap: without the finder caps, the 20×20 grid needs some 1.7 GB of heap
     * (and minutes of CPU), so this process would die of it.
     */
    @Test
    void aPhotoTiledWithFinderPatternsIsAnsweredInASmallHeap(@TempDir Path folder) throws Exception {
        Path answer = folder.resolve("answer.txt");
        Process process = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse(javaLauncher()),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        VerificationBudgetTest.class.getName(),
                        "20",
                        answer.toString())
                .redirectErrorStream(true)
                .start();
        boolean ended = process.waitFor(3 * VerificationBudget.DEFAULT_TIME_BUDGET.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(ended).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(Files.readString(answer, StandardCharsets.UTF_8))
                .as(output)
                .contains("UNREADABLE [BUDGET_EXCEEDED]");
    }

    /**
     * The child JVM of {@link #aPhotoTiledWithFinderPatternsIsAnsweredInASmallHeap}: verifies one grid of
     * {@code args[0]} squares and writes the verdict and reasons to the file {@code args[1]}.
     */
    public static void main(String[] args) throws IOException {
        VerificationService service =
                new VerificationService(TrustStore.of(List.of(), List.of()), Clock.fixed(NOW, ZoneOffset.UTC));
        byte[] png = HostileImages.png(HostileImages.finderPatternGrid(Integer.parseInt(args[0])));
        VerificationReport report = service.verifyImage(png);
        Files.writeString(Path.of(args[1]), report.verdict() + " " + report.reasons(), StandardCharsets.UTF_8);
    }

    @Test
    void aGenuineCertificatePhotoStillVerifiesValid() throws Exception {
        TestKeys keys = TestKeys.create(NOW);
        String seal = new SealSigner(keys.signer()).sign(TestKeys.visaClaims(NOW, NOW.plusSeconds(31_536_000)));
        VerificationService service = service(keys.trust(), BUDGET);

        VerificationReport report = service.verifyImage(photo(seal));

        // Authentic, nothing against it; with trust material only, its status was not checked.
        assertThat(report.statusNotChecked()).as(report.checks().toString()).isTrue();
    }

    @Test
    void aVerificationStillRunningAtItsDeadlineIsStoppedAndUnreadable() throws Exception {
        // Vertical stripes 6000 pixels high stay under the finder caps but take seconds to search through.
        Duration budget = Duration.ofSeconds(1);
        VerificationService service = service(TrustStore.of(List.of(), List.of()), budget);
        byte[] png = HostileImages.png(HostileImages.verticalStripes(6000));

        long start = System.nanoTime();
        VerificationReport report = service.verifyFile(png);

        assertThat(report.reasons()).containsExactly(ReasonCode.BUDGET_EXCEEDED);
        assertThat(report.checks().get(0).detail()).contains("1 s budget");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(budget.multipliedBy(3));
        // The worker stopped too: it is not left computing for nobody.
        long until = System.nanoTime() + budget.multipliedBy(3).toNanos();
        while (service.activeVerifications() > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(service.activeVerifications()).isZero();
    }

    @Test
    void durationsAreReadAsPeopleWriteThem() {
        assertThat(VerificationBudget.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(VerificationBudget.parseDuration("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(VerificationBudget.parseDuration(" 2m ")).isEqualTo(Duration.ofMinutes(2));
        assertThat(VerificationBudget.parseDuration("2min")).isEqualTo(Duration.ofMinutes(2));
        assertThat(VerificationBudget.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(VerificationBudget.parseDuration("PT45S")).isEqualTo(Duration.ofSeconds(45));
        assertThat(VerificationBudget.parseDuration(VerificationBudget.describe(Duration.ofMillis(1500))))
                .isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> VerificationBudget.parseDuration("ten seconds"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("500ms, 10s, 2m, 1h or PT10S");
    }

    @Test
    void aBudgetOutsideItsBoundsIsRefused() {
        assertThatThrownBy(() -> new VerificationBudget(Duration.ZERO, 1, 0))
                .hasMessageContaining("more than 0 and at most 24 h");
        assertThatThrownBy(() -> new VerificationBudget(Duration.ofDays(2), 1, 0))
                .hasMessageContaining("at most 24 h");
        assertThatThrownBy(() -> new VerificationBudget(Duration.ofSeconds(1), 0, 0))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new VerificationBudget(Duration.ofSeconds(1), 1, -1))
                .hasMessageContaining("0 or more");
        assertThat(VerificationBudget.defaults().timeBudget()).isEqualTo(Duration.ofSeconds(10));
    }

    private static VerificationService service(TrustStore trust, Duration budget) {
        return new VerificationService(trust, Clock.fixed(NOW, ZoneOffset.UTC))
                .withBudget(VerificationBudget.defaults().withTimeBudget(budget));
    }

    /** A phone photo of a certificate: text, the seal's QR code at 6 pixels a module, turned by 8°, as a JPEG. */
    private static byte[] photo(String seal) throws Exception {
        BitMatrix code = QrCodes.modules(seal);
        int module = 6;
        int size = code.getWidth() * module;
        BufferedImage page = new BufferedImage(size * 2, size * 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        for (int line = 0; line < 8; line++) {
            g.drawString("Attestation de validation de visa — Vérifiez ce document", 40, 40 + line * 28);
        }
        for (int y = 0; y < code.getHeight(); y++) {
            for (int x = 0; x < code.getWidth(); x++) {
                if (code.get(x, y)) {
                    g.fillRect(size / 2 + x * module, size / 2 + 160 + y * module, module, module);
                }
            }
        }
        g.dispose();
        BufferedImage turned = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D t = turned.createGraphics();
        t.setColor(Color.WHITE);
        t.fillRect(0, 0, turned.getWidth(), turned.getHeight());
        t.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        t.drawImage(
                page,
                AffineTransform.getRotateInstance(Math.toRadians(8), page.getWidth() / 2.0, page.getHeight() / 2.0),
                null);
        t.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(turned, "jpeg", jpeg);
        return jpeg.toByteArray();
    }

    private static String javaLauncher() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
