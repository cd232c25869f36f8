package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.CachetException;
import io.cachet.core.verify.VerificationBudget;
import io.cachet.core.verify.VerificationService;
import io.javalin.Javalin;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verification budget seen from outside: a real server on a free port with one verification worker and no
 * queue, real concurrent requests, a real client that hangs up. The slow file is a 6000×6000 PNG of vertical
 * stripes (about 16 KB): every part of its search stays within the finder caps, so it legitimately keeps a worker
 * for seconds, long enough to watch what happens to the requests around it.
 */
class VerificationBudgetWebTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BUDGET = Duration.ofSeconds(60);

    private static VerificationService service;
    private static Javalin app;
    private static Http http;
    private static byte[] slowImage;
    private static byte[] quickImage;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates certificates = TestCertificates.get();
        service = certificates.services.verification().withBudget(new VerificationBudget(BUDGET, 1, 0));
        app = VerifierApp.create(service, VerifierConfig.onPort(0)).start("127.0.0.1", 0);
        http = new Http("http://127.0.0.1:" + app.port());
        slowImage = stripes(6000);
        quickImage = stripes(64);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void aRequestFindingEveryWorkerBusyAndTheQueueFullIsAnswered503WithRetryAfter() throws Exception {
        CompletableFuture<HttpResponse<String>> slow = postAsync(slowImage);
        awaitWorkerComputing();

        HttpResponse<String> refused = http.postFile("/api/v1/verify", "photo.png", quickImage);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue(String.valueOf(BUDGET.toSeconds()));
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(refused.body()).get("detail").asText()).contains("busy");

        HttpResponse<String> served = slow.get(2 * BUDGET.toSeconds(), TimeUnit.SECONDS);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(served.body()).get("verdict").asText()).isEqualTo("UNREADABLE");
        // The worker is free again: the next request is served.
        assertThat(http.postFile("/api/v1/verify", "photo.png", quickImage).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aClientThatHangsUpStopsItsVerificationAndFreesTheWorker() throws Exception {
        // How long the slow file keeps a worker when its client waits for the answer (on this machine, now).
        CompletableFuture<HttpResponse<String>> waited = postAsync(slowImage);
        Duration alone = workerBusyTime(() -> {});
        assertThat(waited.get(2 * BUDGET.toSeconds(), TimeUnit.SECONDS).statusCode())
                .isEqualTo(200);

        // The same file from a client that hangs up as soon as its verification has started.
        Socket client = new Socket("127.0.0.1", app.port());
        client.getOutputStream().write(multipartRequest(slowImage));
        client.getOutputStream().flush();
        Duration hungUp = workerBusyTime(client::close);

        assertThat(hungUp)
                .as("worker time after the hang-up vs. %s alone", alone)
                .isLessThan(alone.dividedBy(2));
        assertThat(http.postFile("/api/v1/verify", "photo.png", quickImage).statusCode())
                .isEqualTo(200);
    }

    /** Waits until a worker computes, runs {@code then}, and answers how long the worker computed after that. */
    private static Duration workerBusyTime(Closer then) throws Exception {
        awaitWorkerComputing();
        then.run();
        long from = System.nanoTime();
        awaitNoWorkerComputing(BUDGET);
        return Duration.ofNanos(System.nanoTime() - from);
    }

    private interface Closer {
        void run() throws Exception;
    }

    @Test
    void aPhotoTiledWithFinderPatternsIsAnsweredUnreadableAtOnce() throws Exception {
        HttpResponse<String> response = http.postFile("/api/v1/verify", "tiles.png", finderPatternGrid(20));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("verdict").asText()).isEqualTo("UNREADABLE");
        assertThat(report.get("reasons").toString()).contains("BUDGET_EXCEEDED");
    }

    @Test
    void theBudgetIsReadFromTheSettingsFileAndTheEnvironment(@TempDir Path folder) throws Exception {
        Path file = folder.resolve(VerifierConfig.FILE_NAME);
        Files.writeString(file, "verify-time-budget=30s\nverify-workers=3\n");

        assertThat(VerifierConfig.budget(Optional.of(file), Map.of("CACHET_VERIFY_QUEUE", "0")))
                .isEqualTo(new VerificationBudget(Duration.ofSeconds(30), 3, 0));
        assertThat(VerifierConfig.budget(Optional.empty(), Map.of("CACHET_VERIFY_TIME_BUDGET", "1500ms")))
                .isEqualTo(VerificationBudget.defaults().withTimeBudget(Duration.ofMillis(1500)));
        assertThatThrownBy(() -> VerifierConfig.budget(Optional.empty(), Map.of("CACHET_VERIFY_WORKERS", "0")))
                .isInstanceOfSatisfying(CachetException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CachetException.Kind.CONFIGURATION);
                    assertThat(e.getMessage()).contains("workers").contains("Verification budget");
                });
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(byte[] image) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return http.postFile("/api/v1/verify", "photo.png", image);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits until the server's verification worker is computing. */
    private static void awaitWorkerComputing() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!workerComputing()) {
            assertThat(System.nanoTime()).as("a worker started computing").isLessThan(until);
            Thread.sleep(20);
        }
    }

    private static void awaitNoWorkerComputing(Duration atMost) throws InterruptedException {
        long until = System.nanoTime() + atMost.toNanos();
        while (workerComputing() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    private static boolean workerComputing() {
        return service.activeVerifications() > 0;
    }

    private static byte[] multipartRequest(byte[] content) {
        String boundary = "cachet-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.png\""
                        + "\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /api/v1/verify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: "
                        + body.size() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body.toByteArray());
        return request.toByteArray();
    }

    /** A {@code size}×{@code size} PNG of vertical stripes, 1:1:3:1:1 in every row and never a finder pattern. */
    private static byte[] stripes(int size) throws Exception {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        int[] period = {0, 1, 0, 0, 0, 1, 0, 1}; // 0 dark, 1 light: dark, light, dark×3, light, dark, light
        int[] row = new int[size];
        for (int x = 0; x < size; x++) {
            row[x] = period[x % period.length];
        }
        for (int y = 0; y < size; y++) {
            image.getRaster().setSamples(0, y, size, 1, 0, row);
        }
        return png(image);
    }

    /** A grid×grid tiling of QR finder patterns, 4 pixels per module, a one-module light separator. */
    private static byte[] finderPatternGrid(int grid) throws Exception {
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
        return png(image);
    }

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
