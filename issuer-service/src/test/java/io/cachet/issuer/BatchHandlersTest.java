package io.cachet.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.issue.IssueOptions;
import io.cachet.core.registry.SearchQuery;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches over real HTTP, with tokens of a provider served over real HTTP: a CSV and a JSON Lines batch issued and
 * every PDF verified, a bad row refused with its row number, who may start and read a batch, and a service restarted
 * in the middle of a batch that finishes it without issuing any row twice.
 */
class BatchHandlersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path folder;

    static TestOpenIdProvider provider;
    static CachetServices services;
    static Javalin app;
    static JsonNode sample;

    @BeforeAll
    static void start() throws Exception {
        provider = TestOpenIdProvider.start();
        services = services(folder.resolve("home"));
        sample = JSON.readTree(services.catalog().get("visa-validation").sampleJson());
        app = app(services, folder.resolve("issued"));
    }

    @AfterAll
    static void stop() {
        app.stop();
        provider.close();
    }

    @Test
    void aCsvBatchIsIssuedUnderTheCallerAndEveryPdfVerifiesValid() throws Exception {
        String agent = token("agent-0042", "Camille Martin", "cachet.issue");

        HttpResponse<String> started =
                send(app, "POST", "/api/v1/batches?type=visa-validation", agent, csv("a1", "a2", "a3"), "text/csv");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(started.body());
        assertThat(accepted.get("status").asText())
                .isEqualTo("/api/v1/batches/" + accepted.get("id").asText());
        JsonNode batch = finished(app, accepted.get("status").asText(), agent);
        assertThat(batch.get("state").asText()).as(batch.toString()).isEqualTo("DONE");
        assertThat(batch.get("total").asInt()).isEqualTo(3);
        assertThat(batch.get("issued").asInt()).isEqualTo(3);
        assertThat(batch.get("invalid").asInt()).isZero();
        assertThat(batch.get("certificates").findValuesAsText("row")).containsExactly("2", "3", "4");
        for (JsonNode certificate : batch.get("certificates")) {
            HttpResponse<byte[]> pdf = HTTP.send(
                    request(app, "GET", certificate.get("pdf").asText(), agent, null, null)
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.statusCode()).isEqualTo(200);
            VerificationReport verdict = services.verification().verifyFile(pdf.body());
            assertThat(verdict.verdict()).as("%s", verdict.checks()).isEqualTo(Verdict.VALID);
            JsonNode record = JSON.readTree(send(
                            app,
                            "GET",
                            "/api/v1/certificates/" + certificate.get("id").asText(),
                            agent,
                            null,
                            null)
                    .body());
            assertThat(record.get("events").get(0).get("actor").asText()).isEqualTo("oidc:agent-0042 (Camille Martin)");
        }
        assertThat(Files.list(folder.resolve(
                                "issued/batches/" + accepted.get("id").asText()))
                        .map(path -> path.getFileName().toString()))
                .as("the upload is not kept beyond the batch")
                .noneMatch(name -> name.startsWith("input."));
    }

    @Test
    void aJsonLinesBatchIsIssued() throws Exception {
        String agent = token("agent-0043", null, "cachet.issue");
        String body = List.of("j1", "j2").stream()
                .map(ref -> ((ObjectNode) sample.deepCopy()).put("ref", ref).toString())
                .collect(Collectors.joining("\n"));

        HttpResponse<String> started =
                send(app, "POST", "/api/v1/batches?type=visa-validation&lang=en", agent, body, null);

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode batch =
                finished(app, JSON.readTree(started.body()).get("status").asText(), agent);
        assertThat(batch.get("state").asText()).as(batch.toString()).isEqualTo("DONE");
        assertThat(batch.get("issued").asInt()).isEqualTo(2);
        assertThat(batch.get("certificates").findValuesAsText("row")).containsExactly("1", "2");
    }

    @Test
    void aBadRowIsListedWithItsRowAndNothingIsIssuedUnlessSkipInvalid() throws Exception {
        String agent = token("agent-0044", null, "cachet.issue");
        String input = csv("b1", "b2", "b3")
                .replace(
                        "\"b2\",\"EL AMRANI\",\"Yasmine Fatima\",\"1994-07-21\"",
                        "\"b2\",\"EL AMRANI\",\"Yasmine Fatima\",\"not a date\"");

        JsonNode refused = finished(
                app,
                JSON.readTree(send(app, "POST", "/api/v1/batches?type=visa-validation", agent, input, "text/csv")
                                .body())
                        .get("status")
                        .asText(),
                agent);

        assertThat(refused.get("state").asText()).as(refused.toString()).isEqualTo("FAILED");
        assertThat(refused.get("invalid").asInt()).isEqualTo(1);
        assertThat(refused.get("issued").asInt()).isZero();
        assertThat(refused.get("certificates")).isEmpty();
        assertThat(refused.get("problems").findValuesAsText("row")).containsOnly("3");
        assertThat(refused.get("problems").findValuesAsText("field")).contains("holder.birthDate");
        assertThat(services.registry().findByIdempotencyKey("visa-validation/ref:b1"))
                .isEmpty();

        JsonNode skipped = finished(
                app,
                JSON.readTree(send(
                                        app,
                                        "POST",
                                        "/api/v1/batches?type=visa-validation&skipInvalid=true",
                                        agent,
                                        input,
                                        "text/csv")
                                .body())
                        .get("status")
                        .asText(),
                agent);

        assertThat(skipped.get("state").asText()).as(skipped.toString()).isEqualTo("DONE");
        assertThat(skipped.get("issued").asInt()).isEqualTo(2);
        assertThat(skipped.get("invalid").asInt()).isEqualTo(1);
        assertThat(skipped.get("problems").findValuesAsText("row")).containsOnly("3");
        assertThat(skipped.get("certificates").findValuesAsText("row")).containsExactly("2", "4");
    }

    @Test
    void aBatchLargerThanAJsonRequestIsAcceptedAndEveryRowValidatedBeforeAnyIsIssued() throws Exception {
        String agent = token("agent-0049", null, "cachet.issue");
        String[] refs = new String[1500];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = "large-" + i;
        }
        String input = csv(refs) + "\"large-bad\"" + ",\"\"".repeat(header().size() - 1) + "\n";
        assertThat(input.length()).isGreaterThan((int) IssuerApp.MAX_REQUEST_BYTES);

        HttpResponse<String> started =
                send(app, "POST", "/api/v1/batches?type=visa-validation", agent, input, "text/csv");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode batch =
                finished(app, JSON.readTree(started.body()).get("status").asText(), agent);
        assertThat(batch.get("state").asText()).as(batch.toString()).isEqualTo("FAILED");
        assertThat(batch.get("total").asInt()).isEqualTo(1501);
        assertThat(batch.get("invalid").asInt()).isEqualTo(1);
        assertThat(batch.get("problems").findValuesAsText("row")).containsOnly("1502");
        assertThat(services.registry().findByIdempotencyKey("visa-validation/ref:large-0"))
                .isEmpty();
    }

    @Test
    void whatCannotBeABatchIsRefusedAtOnce() throws Exception {
        String agent = token("agent-0045", null, "cachet.issue");

        HttpResponse<String> unknownType =
                sendOnItsOwnConnection(app, "POST", "/api/v1/batches?type=passport", agent, csv("c1"), "text/csv");
        HttpResponse<String> noType =
                sendOnItsOwnConnection(app, "POST", "/api/v1/batches", agent, csv("c1"), "text/csv");
        HttpResponse<String> binary = sendOnItsOwnConnection(
                app,
                "POST",
                "/api/v1/batches?type=visa-validation",
                agent,
                "PK\u0003\u0004\u0000\u0000",
                "application/zip");
        HttpResponse<String> tabs = sendOnItsOwnConnection(
                app, "POST", "/api/v1/batches?type=visa-validation", agent, "ref\tholder.familyName\nx\ty\n", null);
        HttpResponse<String> empty =
                sendOnItsOwnConnection(app, "POST", "/api/v1/batches?type=visa-validation", agent, "", "text/csv");
        HttpResponse<String> tooLarge = EarlyRefusals.send(request(
                        app,
                        "POST",
                        "/api/v1/batches?type=visa-validation",
                        agent,
                        "x".repeat(BatchHandlers.MAX_INPUT_BYTES + 1),
                        "text/csv")
                .build());

        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(unknownType.body()).contains("unknown certificate type 'passport'");
        assertThat(unknownType.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(noType.statusCode()).isEqualTo(400);
        assertThat(binary.statusCode()).isEqualTo(422);
        assertThat(binary.body()).contains("neither CSV nor JSON Lines");
        assertThat(tabs.statusCode()).isEqualTo(422);
        assertThat(tabs.body()).contains("separated by tabs").doesNotContain(folder.toString());
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
    }

    @Test
    void aReaderMayNotStartABatchAndOnlyItsStarterOrAReaderReadsIt() throws Exception {
        String agent = token("agent-0046", null, "cachet.issue");
        String otherAgent = token("agent-0047", null, "cachet.issue");
        String reader = token("auditor-1", null, "cachet.read");

        assertThat(send(app, "POST", "/api/v1/batches?type=visa-validation", reader, csv("d1"), "text/csv")
                        .statusCode())
                .isEqualTo(403);
        String status = JSON.readTree(
                        send(app, "POST", "/api/v1/batches?type=visa-validation", agent, csv("d2"), "text/csv")
                                .body())
                .get("status")
                .asText();
        finished(app, status, agent);
        assertThat(send(app, "GET", status, otherAgent, null, null).statusCode())
                .isEqualTo(403);
        assertThat(send(app, "GET", status, reader, null, null).statusCode()).isEqualTo(200);
        assertThat(send(app, "GET", "/api/v1/batches/" + UUID.randomUUID(), reader, null, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(app, "GET", "/api/v1/batches/not-an-id", reader, null, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aRestartedServiceFinishesABatchLeftRunningWithoutIssuingAnyRowTwice() throws Exception {
        Path issued = folder.resolve("restart-issued");
        CachetServices home = services(folder.resolve("restart-home"));
        Identity caller = new Identity("agent-0048", Optional.empty(), java.util.Set.of(Role.ISSUE));
        // As a service stopped in the middle leaves it: the input kept, the state RUNNING, row r1 already issued.
        String id = UUID.randomUUID().toString();
        BatchStore store = new BatchStore(issued.resolve("batches"));
        store.create(
                BatchRecord.accepted(id, "visa-validation", "input.csv", false, "fr", caller)
                        .in(BatchRecord.State.RUNNING, ""),
                csv("r1", "r2", "r3").getBytes(StandardCharsets.UTF_8));
        String first = home.issuance()
                .issue(
                        "visa-validation",
                        sample,
                        certificate -> store.folder(id).resolve(certificate.value() + ".pdf"),
                        Locale.FRENCH,
                        new IssueOptions(caller.actor(), Optional.of("visa-validation/ref:r1"), Optional.empty()))
                .id()
                .value();

        Javalin restarted = app(home, issued);
        try {
            JsonNode batch = finished(restarted, "/api/v1/batches/" + id, token("agent-0048", null, "cachet.issue"));

            assertThat(batch.get("state").asText()).as(batch.toString()).isEqualTo("DONE");
            assertThat(batch.get("issued").asInt()).isEqualTo(3);
            assertThat(batch.get("certificates").get(0).get("id").asText()).isEqualTo(first);
            assertThat(home.registry()
                            .search(new SearchQuery(
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.of("visa-validation"),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    100)))
                    .as("one certificate per row, none twice")
                    .hasSize(3);
            assertThat(store.input(store.find(id).orElseThrow())).doesNotExist();
        } finally {
            restarted.stop();
        }
    }

    private static CachetServices services(Path path) throws Exception {
        CachetHome home = new CachetHome(path);
        new HomeInitializer(Clock.systemUTC(), Map.of())
                .initialize(
                        home,
                        new HomeInitializer.Request(
                                "PAR", "Direction territoriale de Paris", true, false, "http://localhost"));
        return new CachetServices(home, Optional.empty(), Map.of(), Clock.systemUTC());
    }

    private static Javalin app(CachetServices services, Path issued) throws Exception {
        return IssuerApp.create(
                        IssuerHomes.issuing(services, issued), TokenVerifier.of(provider.settings(), Clock.systemUTC()))
                .start("127.0.0.1", 0);
    }

    private static List<String> header() {
        List<String> header = new ArrayList<>(List.of("ref"));
        flatten("", sample, header, new ArrayList<>());
        return header;
    }

    /** The sample's holder, one row per ref, every cell quoted; the header is line 1, so ref i is on line i + 1. */
    private static String csv(String... refs) {
        List<String> header = new ArrayList<>(List.of("ref"));
        List<String> values = new ArrayList<>();
        flatten("", sample, header, values);
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        for (String ref : refs) {
            List<String> row = new ArrayList<>(List.of(ref));
            row.addAll(values);
            text.append(row.stream()
                            .map(cell -> '"' + cell.replace("\"", "\"\"") + '"')
                            .collect(Collectors.joining(",")))
                    .append('\n');
        }
        return text.toString();
    }

    private static void flatten(String prefix, JsonNode node, List<String> header, List<String> values) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isObject()) {
                flatten(prefix + field.getKey() + ".", field.getValue(), header, values);
            } else {
                header.add(prefix + field.getKey());
                values.add(
                        field.getValue().isTextual()
                                ? field.getValue().asText()
                                : field.getValue().toString());
            }
        }
    }

    private static JsonNode finished(Javalin app, String status, String token) throws Exception {
        Instant deadline = Instant.now().plusSeconds(180);
        while (true) {
            HttpResponse<String> response = send(app, "GET", status, token, null, null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode batch = JSON.readTree(response.body());
            if (List.of("DONE", "FAILED", "INTERRUPTED")
                            .contains(batch.get("state").asText())
                    || Instant.now().isAfter(deadline)) {
                return batch;
            }
            Thread.sleep(100);
        }
    }

    private static String token(String subject, String name, String... roles) throws Exception {
        return provider.es256(
                Instant.now(),
                claims -> claims.subject(subject).claim("name", name).claim("roles", List.of(roles)));
    }

    private static HttpResponse<String> send(
            Javalin app, String method, String path, String token, String body, String contentType) throws Exception {
        return HTTP.send(
                request(app, method, path, token, body, contentType).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * For a request the server refuses early and then closes the connection on: a new connection, so that the shared
     * client never reuses one the server dropped (the JDK client does not retry a POST; it failed at random in CI).
     */
    private static HttpResponse<String> sendOnItsOwnConnection(
            Javalin app, String method, String path, String token, String body, String contentType) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        request(app, method, path, token, body, contentType).build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(
            Javalin app, String method, String path, String token, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }
}
