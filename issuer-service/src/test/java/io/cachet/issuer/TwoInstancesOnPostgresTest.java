package io.cachet.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.registry.AuditResult;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.Registry;
import io.cachet.core.registry.RegistryEvent;
import io.cachet.core.registry.RegistryLocation;
import io.cachet.core.services.CachetServices;
import io.javalin.Javalin;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two issuing services of one office (two homes holding the same keys) on one PostgreSQL registry, issuing at once:
 * no id or status index is handed out twice, the event chain stays whole, every act is under its agent's name.
 */
class TwoInstancesOnPostgresTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int ISSUANCES = 200;
    private static final int CLIENTS = 8;

    @TempDir
    static Path folder;

    static EmbeddedPostgres postgres;
    static TestOpenIdProvider provider;
    static List<CachetServices> services = new ArrayList<>();
    static List<Javalin> apps = new ArrayList<>();
    static String body;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        provider = TestOpenIdProvider.start();
        Path first = folder.resolve("home-a");
        new HomeInitializer(Clock.systemUTC(), Map.of())
                .initialize(
                        new CachetHome(first),
                        new HomeInitializer.Request(
                                "PAR", "Direction territoriale de Paris", true, false, "http://localhost"));
        Path second = folder.resolve("home-b");
        copy(first, second);
        Map<String, String> environment = Map.of(
                RegistryLocation.URL_VARIABLE,
                postgres.getJdbcUrl("postgres", "postgres"),
                RegistryLocation.USER_VARIABLE,
                "postgres");
        for (Path home : List.of(first, second)) {
            CachetServices instance =
                    new CachetServices(new CachetHome(home), Optional.empty(), environment, Clock.systemUTC());
            services.add(instance);
            apps.add(IssuerApp.create(
                            IssuerHomes.issuing(instance, home.resolve("issued")),
                            TokenVerifier.of(provider.settings(), Clock.systemUTC()))
                    .start("127.0.0.1", 0));
        }
        ObjectNode request = JSON.createObjectNode().put("type", "visa-validation");
        request.set(
                "data",
                JSON.readTree(services.get(0).catalog().get("visa-validation").sampleJson()));
        body = request.toString();
    }

    @AfterAll
    static void stop() throws Exception {
        apps.forEach(Javalin::stop);
        services.forEach(s -> s.registry().close());
        provider.close();
        postgres.close();
    }

    @Test
    void twoInstancesIssuingAtOnceNeverHandOutAnIdOrStatusIndexTwiceAndKeepTheChain() throws Exception {
        Map<String, String> actorById = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long started = System.nanoTime();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int c = client;
                work.add(clients.submit(() -> {
                    String subject = "agent-" + c;
                    String token = provider.es256(
                            Instant.now(),
                            claims -> claims.subject(subject)
                                    .claim("name", "Agent " + c)
                                    .claim("roles", List.of("cachet.issue")));
                    for (int i = c; i < ISSUANCES; i += CLIENTS) {
                        HttpResponse<String> created = issue(apps.get(i % 2), token);
                        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                        String id = JSON.readTree(created.body()).get("id").asText();
                        assertThat(actorById.put(id, "oidc:" + subject + " (Agent " + c + ")"))
                                .as("id %s handed out twice", id)
                                .isNull();
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get(5, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf(
                "%d issuances through two instances in %d ms: %.1f per second%n",
                ISSUANCES, took.toMillis(), ISSUANCES * 1000.0 / took.toMillis());

        Registry registry = services.get(0).registry();
        assertThat(actorById).hasSize(ISSUANCES);
        List<CertificateRecord> records = actorById.keySet().stream()
                .map(id -> registry.get(CertificateId.parse(id)))
                .toList();
        assertThat(records.stream().map(r -> r.statusIndex().orElseThrow()).distinct())
                .as("distinct status indexes")
                .hasSize(ISSUANCES);
        assertThat(registry.verifyChain())
                .isInstanceOfSatisfying(
                        AuditResult.Intact.class,
                        intact -> assertThat(intact.events()).isEqualTo(ISSUANCES));
        for (CertificateRecord record : records) {
            assertThat(registry.history(record.id()))
                    .extracting(RegistryEvent::actor)
                    .containsOnly(actorById.get(record.id().value()));
        }
    }

    private static HttpResponse<String> issue(Javalin app, String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/certificates"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The whole home, keys included: the second instance holds the same office key as the first. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
