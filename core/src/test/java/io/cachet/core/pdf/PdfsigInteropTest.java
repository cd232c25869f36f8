package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachet.core.TestHomes;
import io.cachet.core.services.CachetServices;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poppler's {@code pdfsig} (Debian poppler-utils, installed by {@code .ci/run}) sees an issued certificate as validly
 * signed over the whole document. pdfsig exits 0 even for invalid signatures, so its output is what is checked.
 */
class PdfsigInteropTest {
    @Test
    void pdfsigReportsTheSignatureValidAndCoveringTheWholeDocument(@TempDir Path folder) throws Exception {
        Path pdfsig = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "pdfsig"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        assumeTrue(pdfsig != null, "pdfsig (poppler-utils) is not installed");
        CachetServices services = TestHomes.create(folder.resolve("home"), Clock.systemUTC());
        Path pdf = services.issuance()
                .issue(
                        "visa-validation",
                        TestHomes.sample(services, "visa-validation"),
                        folder.resolve("visa.pdf"),
                        Locale.FRENCH)
                .file();

        Process process = new ProcessBuilder(pdfsig.toString(), pdf.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output)
                .contains("Signature #1")
                .contains("Signature Validation: Signature is Valid.")
                .contains("Signature Type: ETSI.CAdES.detached")
                .contains("Total document signed")
                .doesNotContain("Signature #2");
    }
}
