package io.cachet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cachet verify} checks files within a time budget, which {@code --time-budget} raises or lowers. */
class VerifyTimeBudgetCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPhotoTiledWithFinderPatternsIsUnreadableForItsBudget(@TempDir Path folder) throws Exception {
        String home = folder.resolve("home").toString();
        CliRun.run(Map.of(), CLOCK, "init", "--test", "--home", home);
        Path tiles = folder.resolve("tiles.png");
        ImageIO.write(finderPatternGrid(20), "png", tiles.toFile());

        CliRun run = CliRun.run(Map.of(), CLOCK, "verify", tiles.toString(), "--json", "--home", home);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("verdict").asText()).isEqualTo("UNREADABLE");
        assertThat(report.get("reasons").get(0).asText()).isEqualTo("BUDGET_EXCEEDED");
    }

    @Test
    void theTimeBudgetFlagSetsTheBudgetOfTheVerification(@TempDir Path folder) throws Exception {
        String home = folder.resolve("home").toString();
        CliRun.run(Map.of(), CLOCK, "init", "--test", "--home", home);
        Path data = folder.resolve("data.json");
        Files.writeString(
                data,
                CliRun.run(Map.of(), CLOCK, "types", "show", "visa-validation", "--sample", "--home", home)
                        .out());
        Path pdf = folder.resolve("c.pdf");
        CliRun issued = CliRun.run(
                Map.of(),
                CLOCK,
                "issue",
                "visa-validation",
                "--data",
                data.toString(),
                "--out",
                pdf.toString(),
                "--home",
                home);
        assertThat(issued.exitCode()).as(issued.err()).isZero();

        CliRun tooShort =
                CliRun.run(Map.of(), CLOCK, "verify", pdf.toString(), "--time-budget", "1ms", "--json", "--home", home);
        CliRun forensic =
                CliRun.run(Map.of(), CLOCK, "verify", pdf.toString(), "--time-budget", "60s", "--json", "--home", home);

        assertThat(tooShort.exitCode()).as(tooShort.out()).isEqualTo(3);
        JsonNode stopped = JSON.readTree(tooShort.out());
        assertThat(stopped.get("reasons").get(0).asText()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(stopped.get("checks").get(0).get("detail").asText()).contains("1 ms budget");
        assertThat(forensic.exitCode()).as(forensic.out()).isZero();
        assertThat(JSON.readTree(forensic.out()).get("verdict").asText()).isEqualTo("VALID");
    }

    @Test
    void aTimeBudgetThatIsNotADurationIsAUsageError() {
        CliRun zero = CliRun.run(Map.of(), CLOCK, "verify", "--code", "CT1:X", "--time-budget", "0s");
        CliRun words = CliRun.run(Map.of(), CLOCK, "verify", "--code", "CT1:X", "--time-budget", "ten seconds");

        assertThat(zero.exitCode()).isEqualTo(64);
        assertThat(zero.err()).contains("--time-budget").contains("more than 0");
        assertThat(words.exitCode()).isEqualTo(64);
        assertThat(words.err()).contains("500ms, 10s, 2m, 1h");
    }

    @Test
    void theHelpDocumentsTheTimeBudgetAndItsDefault() {
        CliRun help = CliRun.run(Map.of(), CLOCK, "verify", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .contains("--time-budget=DURATION")
                .contains("Default: 10s")
                .contains("BUDGET_EXCEEDED");
    }

    /** A grid×grid tiling of QR finder patterns, 4 pixels per module, a one-module light separator. */
    private static BufferedImage finderPatternGrid(int grid) {
        int module = 4;
        int size = grid * 8 * module + module;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int mx = (x % (8 * module)) / module - 1;
                int my = (y % (8 * module)) / module - 1;
                boolean inside = mx >= 0 && my >= 0 && mx <= 6 && my <= 6;
                int ring = Math.min(Math.min(mx, my), Math.min(6 - mx, 6 - my));
                image.getRaster().setSample(x, y, 0, inside && ring != 1 ? 0 : 1);
            }
        }
        return image;
    }
}
