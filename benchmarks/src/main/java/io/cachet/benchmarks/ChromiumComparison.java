package io.cachet.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.render.CertificateRenderer;
import io.cachet.core.render.RenderRequest;
import io.cachet.core.types.CertificateType;
import io.cachet.core.types.DataValidator;
import io.cachet.core.types.TypeCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The same certificate HTML rendered by Cachet's renderer (openhtmltopdf, in-process, warmed up) and by the usual
 * alternative, headless Chromium printing to PDF ({@code chromium --headless --print-to-pdf}, one process per
 * document), in the same run, one document at a time. Prints documents per second for each and their ratio.
 *
 * <p>Run: {@code java -cp benchmarks/target/classes:benchmarks/target/lib/* io.cachet.benchmarks.ChromiumComparison
 * [DOCUMENTS] [CHROMIUM]}
 */
public final class ChromiumComparison {
    private ChromiumComparison() {}

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String chromium = args.length > 1 ? args[1] : "/usr/bin/chromium";
        TypeCatalog catalog = TypeCatalog.loadBundled();
        CertificateRenderer renderer = new CertificateRenderer(catalog);
        CertificateType type = catalog.get("visa-validation");
        Instant issuedAt = Instant.parse("2026-11-20T09:00:00Z");
        RenderRequest request = new RenderRequest(
                DataValidator.validate(type, new ObjectMapper().readTree(type.sampleJson())),
                "7K2M-9QXH-4TWD-R8NB-5",
                issuedAt,
                Optional.of(issuedAt.plusSeconds(31_536_000)),
                "PAR",
                "Direction territoriale de Paris",
                Optional.of("CT1:EXAMPLE SEAL TEXT FOR THE COMPARISON"),
                "https://verifier.example",
                Locale.FRENCH,
                false);
        Path folder = Files.createTempDirectory("cachet-chromium");
        Path html = folder.resolve("certificate.xhtml");
        Files.writeString(html, renderer.html(request));

        for (int i = 0; i < 50; i++) {
            renderer.render(request);
        }
        long start = System.nanoTime();
        long bytes = 0;
        for (int i = 0; i < documents * 10; i++) {
            bytes += renderer.render(request).length;
        }
        double cachet = documents * 10 / seconds(start);
        System.out.printf(
                "cachet (openhtmltopdf): %.1f documents/s, %d bytes each%n", cachet, bytes / (documents * 10));

        Path out = folder.resolve("chromium.pdf");
        run(List.of(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--user-data-dir=" + folder.resolve("profile"),
                "--print-to-pdf=" + out,
                "--no-pdf-header-footer",
                html.toUri().toString()));
        start = System.nanoTime();
        for (int i = 0; i < documents; i++) {
            run(List.of(
                    chromium,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--no-first-run",
                    "--user-data-dir=" + folder.resolve("profile"),
                    "--print-to-pdf=" + out,
                    "--no-pdf-header-footer",
                    html.toUri().toString()));
        }
        double chrome = documents / seconds(start);
        System.out.printf("chromium --print-to-pdf: %.2f documents/s, %d bytes each%n", chrome, Files.size(out));
        System.out.printf("ratio: cachet renders %.1f times as many documents per second%n", cachet / chrome);
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium failed: " + command);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
