package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.seal.Holder;
import io.cachet.core.seal.SealClaims;
import io.cachet.core.seal.SealSigner;
import io.cachet.core.services.CachetServices;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running verifier takes a new office's key without a restart: from its trust folder, from a
 * signed trust list file, and from a list at an address; a tampered, foreign or expired list is refused, logged, and
 * the trust in use kept. Each test waits by polling, bounded, for what the verifier reads every second.
 */
class TrustReloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOG = Path.of("target/verifier-web-test.log");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    private CachetServices services;
    private Javalin app;
    private HttpServer listServer;

    @BeforeEach
    void issuerHome() {
        CachetHome home = new CachetHome(folder.resolve("home"));
        new HomeInitializer(Clock.systemUTC(), Map.of())
                .initialize(home, new HomeInitializer.Request("PAR", "Paris", true, false, "http://localhost"));
        services = new CachetServices(home, Optional.empty(), Map.of(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
        if (listServer != null) {
            listServer.stop(0);
        }
    }

    @Test
    void aNewOfficeAddedToTheTrustFolderVerifiesWhileTheServerRuns() throws Exception {
        Path trust = services.home().trustDirectory();
        app = start(Map.of("CACHET_TRUST_RELOAD_SECONDS", "1"), "--trust-dir", trust.toString());
        Http http = http();

        services.keys().addOffice("LYO", "Direction territoriale de Lyon");
        String lyon = sealOf("LYO");

        await(() -> outcome(verify(http, lyon), "seal.signature").equals("PASSED"));
        JsonNode health = JSON.readTree(http.get(Routes.HEALTH).body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("trustedSigners").asInt()).isEqualTo(2);
        assertThat(health.at("/trust/source").asText()).isEqualTo("the trust folder " + trust);
        assertThat(health.at("/trust/reloads").asLong()).isPositive();
        assertThat(http.get(Routes.METRICS).body())
                .contains("cachet_trust_reloads_total{outcome=\"loaded\"}")
                .contains("cachet_trust_age_seconds");
    }

    @Test
    void aNewTrustListExportIsTakenAndATamperedOrForeignOneIsRefusedAndTheOldKept() throws Exception {
        Path list = folder.resolve("trust-list.jws");
        Path root = folder.resolve("root.pem");
        Files.copy(services.home().rootCertificate(), root);
        replace(list, services.keys().exportTrustList(Duration.ofDays(7)));
        app = start(
                Map.of("CACHET_TRUST_RELOAD_SECONDS", "1"), "--trust-list", list.toString(), "--root", root.toString());
        Http http = http();
        services.keys().addOffice("LYO", "Direction territoriale de Lyon");
        String lyon = sealOf("LYO");
        String withLyon = services.keys().exportTrustList(Duration.ofDays(7));

        replace(list, raiseSequence(withLyon));
        await(() -> !health(http).path("trust").path("lastRefusal").isMissingNode());
        assertThat(health(http).at("/trust/lastRefusal/reason").asText())
                .contains("does not verify against the pinned root");
        assertThat(reasons(verify(http, lyon))).contains("UNKNOWN_KEY");
        assertThat(Files.readString(LOG)).contains("trust reload from the trust list " + list + " refused");

        replace(list, withLyon);
        await(() -> outcome(verify(http, lyon), "seal.signature").equals("PASSED"));
        assertThat(health(http).at("/trust/listSequence").asLong()).isEqualTo(2);

        CachetHome other = new CachetHome(folder.resolve("other"));
        new HomeInitializer(Clock.systemUTC(), Map.of())
                .initialize(other, new HomeInitializer.Request("PAR", "Paris", true, false, "http://localhost"));
        long refusedBefore = health(http).at("/trust/refusedReloads").asLong();
        replace(
                list,
                new CachetServices(other, Optional.empty(), Map.of(), Clock.systemUTC())
                        .keys()
                        .exportTrustList(Duration.ofDays(7)));
        await(() -> health(http).at("/trust/refusedReloads").asLong() > refusedBefore);
        assertThat(outcome(verify(http, lyon), "seal.signature")).isEqualTo("PASSED");
        assertThat(health(http).at("/trust/listSequence").asLong()).isEqualTo(2);
    }

    @Test
    void anExpiredListIsRefusedAndOnceTheKeptListExpiresHealthIsDown() throws Exception {
        AtomicReference<byte[]> served =
                new AtomicReference<>(bytes(services.keys().exportTrustList(Duration.ofSeconds(4))));
        Instant firstExpires = Instant.now().plusSeconds(4);
        String url = serve(served);
        Path root = folder.resolve("root.pem");
        Files.copy(services.home().rootCertificate(), root);
        app = start(
                Map.of("CACHET_TRUST_LIST_REFRESH_SECONDS", "5"), "--trust-list-url", url, "--root", root.toString());
        Http http = http();
        assertThat(http.get(Routes.HEALTH).statusCode()).isEqualTo(200);
        assertThat(health(http).at("/trust/source").asText()).isEqualTo("the trust list " + url);

        // A newer list, but already expired when read: refused. The server then fails: the kept list serves until
        // its own expiry, and no longer.
        served.set(bytes(services.keys().exportTrustList(Duration.ofSeconds(1))));
        await(() -> Instant.now().isAfter(firstExpires.plusSeconds(1)));
        await(() -> http.get(Routes.HEALTH).statusCode() == 503);
        JsonNode down = health(http);
        assertThat(down.get("status").asText()).isEqualTo("DOWN");
        assertThat(down.at("/trust/listExpired").asBoolean()).isTrue();
        assertThat(down.at("/trust/listSequence").asLong()).isEqualTo(1);
        await(() -> health(http).at("/trust/lastRefusal/reason").asText().contains("expired"));
    }

    @Test
    void aListAtAnAddressIsReadAgainOnSighupAndKeptWhenTheServerFails() throws Exception {
        AtomicReference<byte[]> served =
                new AtomicReference<>(bytes(services.keys().exportTrustList(Duration.ofDays(7))));
        String url = serve(served);
        Path root = folder.resolve("root.pem");
        Files.copy(services.home().rootCertificate(), root);
        // Refreshed every 5 minutes: only SIGHUP makes it read the list again within this test.
        app = start(Map.of(), "--trust-list-url", url, "--root", root.toString());
        Http http = http();
        services.keys().addOffice("LYO", "Direction territoriale de Lyon");
        String lyon = sealOf("LYO");

        served.set(null);
        sun.misc.Signal.raise(new sun.misc.Signal("HUP"));
        await(() -> health(http).at("/trust/lastRefusal/reason").asText().contains("HTTP 503"));
        assertThat(http.get(Routes.HEALTH).statusCode()).isEqualTo(200);

        served.set(bytes(services.keys().exportTrustList(Duration.ofDays(7))));
        sun.misc.Signal.raise(new sun.misc.Signal("HUP"));
        await(() -> outcome(verify(http, lyon), "seal.signature").equals("PASSED"));
    }

    private Javalin start(Map<String, String> environment, String... options) {
        String[] args = java.util.Arrays.copyOf(options, options.length + 4);
        System.arraycopy(new String[] {"--port", "0", "--bind", "127.0.0.1"}, 0, args, options.length, 4);
        Map<String, String> withHome = new java.util.HashMap<>(environment);
        withHome.put("CACHET_HOME", folder.resolve("no-home").toString());
        return VerifierMain.start(
                args, withHome, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private Http http() {
        return new Http("http://127.0.0.1:" + app.port());
    }

    private String sealOf(String office) {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return new SealSigner(services.keys().activeSigner(office))
                .sign(new SealClaims(
                        office,
                        "7K2M-9QXH-4TWD-R8NB-5",
                        "visa-validation",
                        now.minusSeconds(60),
                        Optional.of(now.plus(Duration.ofDays(365))),
                        new Holder("DURAND", "Alice", "1990-01-01"),
                        Map.of("vn", "FRA0000001", "vc", "salarié", "vd", "2026-01-14"),
                        Optional.empty()));
    }

    private static JsonNode verify(Http http, String code) throws Exception {
        return JSON.readTree(
                http.post(Routes.VERIFY_API, "application/json", JSON.writeValueAsBytes(Map.of("code", code)))
                        .body());
    }

    private static JsonNode health(Http http) throws Exception {
        return JSON.readTree(http.get(Routes.HEALTH).body());
    }

    private static String outcome(JsonNode report, String check) {
        for (JsonNode node : report.path("checks")) {
            if (node.get("name").asText().equals(check)) {
                return node.get("outcome").asText();
            }
        }
        return "absent";
    }

    private static String reasons(JsonNode report) {
        return report.path("reasons").toString();
    }

    /** Replaces the file at once, as a publishing job should (write beside, then rename). */
    private void replace(Path file, String content) throws Exception {
        Path next = folder.resolve(file.getFileName() + ".next");
        Files.writeString(next, content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The list with its sequence number raised in the signed payload, its signature left as it was. */
    private static String raiseSequence(String list) {
        String[] parts = list.strip().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"sequence\":2,");
        String raised = payload.replace("\"sequence\":2,", "\"sequence\":99,");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(raised)) + "." + parts[2];
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String serve(AtomicReference<byte[]> served) throws Exception {
        listServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listServer.createContext("/trust-list.jws", exchange -> {
            byte[] body = served.get();
            if (body == null) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        listServer.start();
        return "http://127.0.0.1:" + listServer.getAddress().getPort() + "/trust-list.jws";
    }

    /** Waits, by polling, at most {@link #WAIT} for {@code condition}; fails if it never holds. */
    private static void await(ThrowingCondition condition) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still not so after " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    @FunctionalInterface
    private interface ThrowingCondition {
        boolean holds() throws Exception;
    }
}
