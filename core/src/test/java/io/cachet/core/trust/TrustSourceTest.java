package io.cachet.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.cachet.core.CachetException;
import io.cachet.core.TestHomes;
import io.cachet.core.keys.Pem;
import io.cachet.core.keys.Revocation;
import io.cachet.core.keys.TrustList;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.seal.Holder;
import io.cachet.core.seal.SealClaims;
import io.cachet.core.seal.SealSigner;
import io.cachet.core.services.CachetServices;
import io.cachet.core.verify.VerificationService;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier's trust read again while it runs: new material taken whole, bad material refused and the old kept. */
class TrustSourceTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path folder;

    private final MovableClock clock = new MovableClock(START);
    private CachetServices services;
    private HttpServer server;

    @BeforeEach
    void home() {
        services = TestHomes.create(folder.resolve("home"), clock);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aNewOfficeAddedToTheTrustFolderVerifiesAfterAReloadWithoutANewService() {
        TrustSource source = TrustSource.load(TrustOrigin.folder(services.home().trustDirectory()), clock);
        VerificationService verifier = new VerificationService(source, clock, Optional.empty());
        services.keys().addOffice("LYO", "Direction territoriale de Lyon");
        String lyon = sealOf("LYO");

        assertThat(verifier.verifyCode(lyon).reasons()).contains(ReasonCode.UNKNOWN_KEY);
        assertThat(source.reload()).isInstanceOf(TrustSource.Outcome.Loaded.class);
        assertThat(verifier.verifyCode(lyon).reasons()).doesNotContain(ReasonCode.UNKNOWN_KEY);
        assertThat(verifier.trust().signers()).hasSize(2);
        assertThat(source.reload()).isInstanceOf(TrustSource.Outcome.Unchanged.class);
        assertThat(source.loadedCount()).isEqualTo(1);
        assertThat(source.refusedCount()).isZero();
    }

    @Test
    void aRevocationPublishedInTheTrustFolderIsTakenAtTheNextReload() {
        TrustSource source = TrustSource.load(TrustOrigin.folder(services.home().trustDirectory()), clock);
        io.cachet.core.keys.Kid kid = services.keys().activeSigner("PAR").kid();

        services.keys().revoke(kid.hex(), "compromise", START.minus(Duration.ofHours(1)));

        assertThat(source.reload()).isInstanceOf(TrustSource.Outcome.Loaded.class);
        assertThat(source.current().trust().revocation(kid))
                .map(Revocation::reason)
                .contains("compromise");
    }

    @Test
    void aTrustFolderThatLosesItsRootIsRefusedAndTheTrustKept() throws Exception {
        Path trust = services.home().trustDirectory();
        TrustSource source = TrustSource.load(TrustOrigin.folder(trust), clock);
        TrustSource.Snapshot before = source.current();
        Files.move(trust.resolve("root.pem"), folder.resolve("root.pem"));

        TrustSource.Outcome first = source.reload();
        TrustSource.Outcome again = source.reload();

        assertThat(first)
                .isInstanceOfSatisfying(
                        TrustSource.Outcome.Refused.class,
                        refused -> assertThat(refused.refusal().reason()).contains("root.pem is missing"));
        assertThat(again).isInstanceOf(TrustSource.Outcome.Refused.class);
        assertThat(source.current()).isSameAs(before);
        assertThat(source.refusedCount()).isEqualTo(2);
        assertThat(source.lastRefusal()).isPresent();
    }

    @Test
    void aTrustFolderWithAnUnreadableCertificateIsRefused() throws Exception {
        Path trust = services.home().trustDirectory();
        TrustSource source = TrustSource.load(TrustOrigin.folder(trust), clock);
        Files.writeString(trust.resolve("signers").resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n");

        assertThat(source.reload()).isInstanceOf(TrustSource.Outcome.Refused.class);
        assertThat(source.current().trust().signers()).hasSize(1);
    }

    @Test
    void aNewerSignedListReplacesTheOldOneButAnAlteredAForeignAStaleOrAnExpiredOneIsRefused() throws Exception {
        Path list = folder.resolve("trust-list.jws");
        String first = services.keys().exportTrustList(Duration.ofDays(7));
        Files.writeString(list, first);
        TrustSource source = TrustSource.load(TrustOrigin.listFile(list, root()), clock);
        services.keys().addOffice("LYO", "Direction territoriale de Lyon");
        String second = services.keys().exportTrustList(Duration.ofDays(7));

        Files.writeString(list, altered(second));
        assertThat(refusal(source.reload())).contains("does not verify against the pinned root");
        Files.writeString(
                list, TestHomes.create(folder.resolve("other"), clock).keys().exportTrustList(Duration.ofDays(7)));
        assertThat(refusal(source.reload())).contains("does not verify against the pinned root");
        assertThat(source.current().trust().signers()).hasSize(1);

        Files.writeString(list, second);
        assertThat(source.reload()).isInstanceOf(TrustSource.Outcome.Loaded.class);
        assertThat(source.current().trust().signers()).hasSize(2);
        assertThat(source.current().material().list().orElseThrow().sequence()).isEqualTo(2);

        Files.writeString(list, first);
        assertThat(refusal(source.reload())).contains("not newer than #2");
        clock.set(START.plus(Duration.ofDays(8)));
        Files.writeString(list, second);
        assertThat(source.reload()).isInstanceOf(TrustSource.Outcome.Refused.class); // #2 itself has expired
        assertThat(source.current().expired(clock.instant())).isTrue();
        assertThat(source.current().trust().signers()).hasSize(2);
        assertThat(source.refusedCount()).isEqualTo(4);
    }

    @Test
    void anExpiredListIsNotLoadedAtStart() throws Exception {
        Path list = folder.resolve("trust-list.jws");
        Files.writeString(list, services.keys().exportTrustList(Duration.ofHours(1)));
        clock.set(START.plus(Duration.ofHours(2)));

        assertThatThrownBy(() -> TrustSource.load(TrustOrigin.listFile(list, root()), clock))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aListFollowedAtAnAddressIsReplacedByANewerOneAndKeptWhenTheServerFails() throws Exception {
        AtomicReference<byte[]> served = new AtomicReference<>(
                services.keys().exportTrustList(Duration.ofDays(7)).getBytes(StandardCharsets.UTF_8));
        String url = serve(served);
        TrustSource source = TrustSource.load(TrustOrigin.listUrl(url, root()), clock);

        services.keys().addOffice("LYO", "Direction territoriale de Lyon");
        served.set(services.keys().exportTrustList(Duration.ofDays(7)).getBytes(StandardCharsets.UTF_8));
        assertThat(source.reload()).isInstanceOf(TrustSource.Outcome.Loaded.class);
        served.set(null);
        assertThat(refusal(source.reload())).contains("HTTP 503");
        served.set(new byte[TrustListBytes.MAX_BYTES + 1]);
        assertThat(refusal(source.reload())).contains("more than " + TrustListBytes.MAX_BYTES + " bytes");

        assertThat(source.current().trust().signers()).hasSize(2);
        assertThat(source.current().source()).isEqualTo("the trust list " + url);
    }

    @Test
    void aServerThatTricklesItsAnswerOrRedirectsIsRefused() throws Exception {
        byte[] list = services.keys().exportTrustList(Duration.ofDays(7)).getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/slow", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: the answer never ends
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 600; i++) {
                    out.write(list, i % list.length, 1);
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // The client gave up: what this test expects.
            }
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        TrustListBytes.Fetcher slow = new TrustListBytes.Fetcher(URI.create(base + "/slow"), Duration.ofSeconds(1));

        assertThatThrownBy(slow::fetch)
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("sent no complete answer within 1 s");
        assertThatThrownBy(() -> TrustSource.load(TrustOrigin.listUrl(base + "/moved", root()), clock))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("answered HTTP 302");
    }

    @Test
    void onlyHttpAddressesAreFollowed() {
        assertThatThrownBy(() -> TrustOrigin.listUrl("file:///etc/passwd", root()))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("http:// or https://");
    }

    @Test
    void theBackgroundRefreshPicksUpANewOffice() throws Exception {
        TrustSource source = TrustSource.load(TrustOrigin.folder(services.home().trustDirectory()), clock);
        try (TrustRefresh refresh = TrustRefresh.start(source, Duration.ofSeconds(1), clock)) {
            services.keys().addOffice("LYO", "Direction territoriale de Lyon");
            // Bounded wait by polling: the refresh runs every second.
            for (int i = 0; i < 300 && source.current().trust().signers().size() < 2; i++) {
                Thread.sleep(100);
            }
            assertThat(source.current().trust().signers()).hasSize(2);
            assertThat(refresh.period()).isEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void aListAtAnAddressIsFetchedAgainAtTheIntervalItNamesAndAFolderAtTheConfiguredOne() throws Exception {
        AtomicReference<byte[]> served = new AtomicReference<>(services.keys()
                .exportTrustList(Duration.ofDays(7), Duration.ofSeconds(45))
                .getBytes(StandardCharsets.UTF_8));
        TrustSource atAddress = TrustSource.load(TrustOrigin.listUrl(serve(served), root()), clock);
        TrustSource folder = TrustSource.load(TrustOrigin.folder(services.home().trustDirectory()), clock);

        try (TrustRefresh followed = TrustRefresh.start(atAddress, Duration.ofSeconds(300), true, clock);
                TrustRefresh polled = TrustRefresh.start(folder, Duration.ofSeconds(5), true, clock)) {
            assertThat(followed.period()).isEqualTo(Duration.ofSeconds(45));
            assertThat(polled.period()).as("a folder names no interval").isEqualTo(Duration.ofSeconds(5));

            served.set(services.keys()
                    .exportTrustList(Duration.ofDays(7), Duration.ofMinutes(10))
                    .getBytes(StandardCharsets.UTF_8));
            atAddress.reload();
            assertThat(followed.period()).as("the newer list's interval").isEqualTo(Duration.ofMinutes(10));
        }
    }

    @Test
    void aListsRefreshIntervalIsReadAndBounded() throws Exception {
        String list = services.keys().exportTrustList(Duration.ofDays(7), Duration.ofSeconds(90));

        assertThat(TrustList.read(list, root(), clock.instant()).refresh()).hasValue(Duration.ofSeconds(90));
        assertThat(TrustList.read(services.keys().exportTrustList(Duration.ofDays(7)), root(), clock.instant())
                        .refresh())
                .hasValue(TrustList.DEFAULT_REFRESH);
        assertThatThrownBy(() -> services.keys().exportTrustList(Duration.ofDays(7), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 10 s and 86400 s");
    }

    @Test
    void fixedTrustIsNeverReloaded() {
        TrustSource source = TrustSource.fixed(services.trustStore(), clock);

        assertThat(source.reloadable()).isFalse();
        assertThat(source.reload()).isInstanceOf(TrustSource.Outcome.Unchanged.class);
    }

    private String sealOf(String office) {
        return new SealSigner(services.keys().activeSigner(office))
                .sign(new SealClaims(
                        office,
                        "7K2M-9QXH-4TWD-R8NB-5",
                        "visa-validation",
                        START.minus(Duration.ofMinutes(5)),
                        Optional.of(START.plus(Duration.ofDays(365))),
                        new Holder("DURAND", "Alice", "1990-01-01"),
                        Map.of("vn", "FRA0000001", "vc", "salarié", "vd", "2026-01-14"),
                        Optional.empty()));
    }

    private X509Certificate root() {
        return Pem.readCertificates(services.home().rootCertificate()).get(0);
    }

    /** The list with its sequence number raised in the signed payload, the signature left as it was. */
    private static String altered(String list) {
        String[] parts = list.strip().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"sequence\":2,");
        String raised = payload.replace("\"sequence\":2,", "\"sequence\":99,");
        return parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(raised.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2] + "\n";
    }

    private static String refusal(TrustSource.Outcome outcome) {
        assertThat(outcome).isInstanceOf(TrustSource.Outcome.Refused.class);
        return ((TrustSource.Outcome.Refused) outcome).refusal().reason();
    }

    private String serve(AtomicReference<byte[]> served) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/trust-list", exchange -> {
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
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/trust-list";
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
