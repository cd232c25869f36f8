package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A serving process's log under a PDF that makes PDFBox warn once per object: the standalone verifier runs as its
 * own JVM (its logging is set once, at start, as in production), its stderr is measured.
 *
 * <p>Measured when this test was written: the same run with PDFBox's warnings on
 * ({@code -Dorg.slf4j.simpleLogger.log.org.apache.pdfbox=warn}) wrote 486 MB of log for the three verifications, a
 * line "found wrong object number" per declared object.
 */
class LibraryLogFloodTest {
    private static final Pattern LISTENING = Pattern.compile("running on http://localhost:(\\d+)/");

    @TempDir
    Path folder;

    /**
     * About 10 KB: a catalog, an empty page tree, and a cross-reference stream declaring {@code objects} objects, every
     * one after the first few pointing at the catalog (so each is found under the wrong number).
     */
    static byte[] pdfDeclaringObjects(int objects) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
        int catalog = out.size();
        out.writeBytes("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".getBytes(StandardCharsets.US_ASCII));
        int pages = out.size();
        out.writeBytes("2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n".getBytes(StandardCharsets.US_ASCII));
        int xref = out.size();
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        for (int i = 0; i < objects; i++) {
            int type = i == 0 ? 0 : 1;
            long offset = i == 2 ? pages : i == 3 ? xref : catalog;
            entries.write(type);
            entries.write((int) (offset >>> 24));
            entries.write((int) (offset >>> 16));
            entries.write((int) (offset >>> 8));
            entries.write((int) offset);
            entries.write(0);
            entries.write(i == 0 ? 255 : 0);
        }
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(deflated)) {
            deflater.write(entries.toByteArray());
        }
        out.writeBytes(("3 0 obj\n<< /Type /XRef /Size " + objects + " /W [1 4 2] /Root 1 0 R /Filter /FlateDecode"
                        + " /Length " + deflated.size() + " >>\nstream\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(deflated.toByteArray());
        out.writeBytes(("\nendstream\nendobj\nstartxref\n" + xref + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void verifyingAPdfDeclaringAMillionObjectsDoesNotFloodTheLog() throws Exception {
        byte[] pdf = pdfDeclaringObjects(1_000_000);
        Path stderr = folder.resolve("stderr.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.logFile=System.err",
                "-cp",
                System.getProperty("java.class.path"),
                VerifierMain.class.getName(),
                "--home",
                TestCertificates.get().home.root().toString(),
                "--bind",
                "127.0.0.1",
                "--port",
                "0"));
        Process server =
                new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try {
            int port = awaitPort(server);
            Http http = new Http("http://127.0.0.1:" + port);
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = http.postFile("/api/v1/verify", "bomb.pdf", pdf);
                assertThat(response.statusCode()).isLessThan(500);
            }
        } finally {
            server.destroy(); // SIGTERM: the shutdown hook stops the server, the access lines are written
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(pdf.length).isLessThan(16 * 1024);
        assertThat(Files.size(stderr))
                .as(log.length() > 2_000 ? log.substring(0, 2_000) : log)
                .isLessThan(64 * 1024);
        assertThat(log).doesNotContain("wrong object number");
        assertThat(log).contains("POST /api/v1/verify ");
    }

    private static int awaitPort(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new IllegalStateException(
                "the verifier stopped before saying where it listens; exit " + server.exitValue());
    }
}
