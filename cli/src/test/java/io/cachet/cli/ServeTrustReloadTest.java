package io.cachet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cachet serve}, run as its own JVM on a free port, takes a new office's key without a restart: read again by
 * polling, and at once on a real {@code SIGHUP} sent from outside ({@code kill -HUP}).
 */
class ServeTrustReloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LISTENING = Pattern.compile("running on http://localhost:(\\d+)/");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The server's stderr (its log), kept for reading after a failure. */
    private static final Path SERVER_LOG = Path.of("target/serve-trust-reload-test.log");

    @TempDir
    Path folder;

    private Path home;
    private Process server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aNewOfficeIssuesACertificateThatTheRunningServerVerifiesWithinThePollingPeriod() throws Exception {
        init();
        int port = serve("1");

        String lyon = issueForANewOffice();

        awaitVerdict(port, lyon, "VALID");
    }

    @Test
    void aHangUpSignalMakesTheRunningServerReadItsTrustAgainAtOnce() throws Exception {
        init();
        int port = serve("3600");
        String lyon = issueForANewOffice();
        assertThat(verify(port, lyon).get("verdict").asText()).isEqualTo("INVALID");

        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(server.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();

        awaitVerdict(port, lyon, "VALID");
        assertThat(server.isAlive()).isTrue();
    }

    /** A home that has issued one certificate of its office PAR: it has a registry, which the server reads. */
    private void init() throws Exception {
        home = folder.resolve("home");
        CliRun init = CliRun.run(Map.of(), Clock.systemUTC(), "init", "--test", "--home", home.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        Files.writeString(
                folder.resolve("data.json"),
                cachet("types", "show", "visa-validation", "--sample").out());
        issue("paris.pdf");
    }

    /** {@code cachet keys add-office LYO}, then a certificate of that office: its seal. */
    private String issueForANewOffice() throws Exception {
        CliRun add = cachet("keys", "add-office", "LYO", "--name", "Direction territoriale de Lyon");
        assertThat(add.exitCode()).as(add.err()).isZero();
        return issue("lyon.pdf", "--office", "LYO");
    }

    private String issue(String file, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(
                "issue",
                "visa-validation",
                "--data",
                folder.resolve("data.json").toString(),
                "--out",
                folder.resolve(file).toString(),
                "--json"));
        args.addAll(List.of(options));
        CliRun issue = cachet(args.toArray(String[]::new));
        assertThat(issue.exitCode()).as(issue.err()).isZero();
        return JSON.readTree(issue.out()).get("seal").asText();
    }

    private CliRun cachet(String... args) {
        String[] withHome = java.util.Arrays.copyOf(args, args.length + 2);
        withHome[args.length] = "--home";
        withHome[args.length + 1] = home.toString();
        return CliRun.run(Map.of(), Clock.systemUTC(), withHome);
    }

    /** Starts {@code cachet serve} in its own JVM, reading the trust again every {@code reloadSeconds}. */
    private int serve(String reloadSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CachetCli.class.getName(),
                        "serve",
                        "--home",
                        home.toString(),
                        "--bind",
                        "127.0.0.1",
                        "--port",
                        "0"))
                .redirectError(SERVER_LOG.toFile());
        builder.environment().put("CACHET_TRUST_RELOAD_SECONDS", reloadSeconds);
        builder.environment().put("CACHET_RATE_LIMIT_PER_MINUTE", "0"); // the test polls
        server = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new IllegalStateException(
                "cachet serve stopped before saying where it listens: " + Files.readString(SERVER_LOG));
    }

    private static JsonNode verify(int port, String seal) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/verify"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("code", seal))))
                .build();
        return JSON.readTree(
                HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Polls, at most {@link #WAIT}, until the seal gets {@code verdict}. */
    private static void awaitVerdict(int port, String seal, String verdict) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode report = verify(port, seal);
        while (!report.path("verdict").asText().equals(verdict)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not " + verdict + " after " + WAIT.toSeconds() + " s: " + report);
            }
            Thread.sleep(200);
            report = verify(port, seal);
        }
    }
}
