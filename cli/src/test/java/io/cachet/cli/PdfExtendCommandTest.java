package io.cachet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfExtendCommandTest {
    private static final Clock ISSUED = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-11-21T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void extendsInPlaceOrIntoAFolderAndReportsEachFailureWithoutStopping(@TempDir Path folder) throws Exception {
        String home = folder.resolve("home").toString();
        CliRun.run(Map.of(), ISSUED, "init", "--test", "--home", home);
        Path data = folder.resolve("data.json");
        Files.writeString(
                data,
                CliRun.run(Map.of(), ISSUED, "types", "show", "cir", "--sample", "--home", home)
                        .out());
        Path pdf = folder.resolve("c.pdf");
        CliRun.run(
                Map.of(), ISSUED, "issue", "cir", "--data", data.toString(), "--out", pdf.toString(), "--home", home);
        byte[] issued = Files.readAllBytes(pdf);
        Path notPdf = folder.resolve("notes.pdf");
        Files.writeString(notPdf, "not a certificate");
        Path out = Files.createDirectory(folder.resolve("out"));

        CliRun copy = CliRun.run(
                Map.of(),
                LATER,
                "pdf",
                "extend",
                pdf.toString(),
                notPdf.toString(),
                "--level",
                "LT",
                "--output-dir",
                out.toString(),
                "--home",
                home);
        CliRun inPlace = CliRun.run(Map.of(), LATER, "pdf", "extend", pdf.toString(), "--home", home);
        byte[] afterLta = Files.readAllBytes(pdf);
        CliRun again = CliRun.run(Map.of(), LATER, "pdf", "extend", pdf.toString(), "--level", "LT", "--home", home);
        CliRun verify = CliRun.run(Map.of(), LATER, "verify", pdf.toString(), "--home", home);

        assertThat(copy.exitCode()).isEqualTo(1);
        assertThat(copy.out()).contains("c.pdf: B-LT (3 certificate(s) and 1 CRL(s) added)");
        assertThat(copy.err()).contains("notes.pdf: the file does not verify");
        assertThat(Files.readString(notPdf)).isEqualTo("not a certificate");
        assertThat(inPlace.exitCode()).as(inPlace.err()).isZero();
        assertThat(inPlace.out()).contains("c.pdf: B-LTA").contains("document timestamp 2026-11-21T09:00:00Z");
        byte[] extended = Files.readAllBytes(pdf);
        assertThat(Arrays.equals(extended, 0, issued.length, issued, 0, issued.length))
                .isTrue();
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("c.pdf: already B-LTA, nothing to add (file unchanged)");
        assertThat(extended).isEqualTo(afterLta);
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("VALID").contains("pdf.document-timestamp");
    }

    @Test
    void anUnknownLevelIsAUsageError(@TempDir Path folder) {
        CliRun run =
                CliRun.run(Map.of(), ISSUED, "pdf", "extend", "x.pdf", "--level", "B", "--home", folder.toString());

        assertThat(run.exitCode()).isEqualTo(CachetCli.USAGE);
        assertThat(run.err()).contains("--level");
    }
}
