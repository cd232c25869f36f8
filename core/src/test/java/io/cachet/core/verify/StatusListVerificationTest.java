package io.cachet.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cachet.core.TestHomes;
import io.cachet.core.TestKeys;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.registry.Registry;
import io.cachet.core.registry.RegistryLocation;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import io.cachet.core.status.StatusListService;
import io.cachet.core.status.StatusListStatusSource;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verifier with trust material only never says VALID: without a status source it says the status was not checked
 * (STATUS_NOT_CHECKED); with the office's signed status list (a file, or an address served by a real HTTP server) it
 * says REVOKED or SUSPENDED as the registry would, reads the list again once its ttl has passed, and stops using it
 * once it has expired.
 */
class StatusListVerificationTest {
    private static final String LIST_URI = "https://ofii.fr/sl";
    private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");

    @TempDir
    Path folder;

    MovableClock clock;
    CachetServices services;
    IssuedCertificate valid;
    IssuedCertificate revoked;
    IssuedCertificate suspended;
    HttpServer server;

    @BeforeEach
    void issueThreeAndChangeTwo() throws Exception {
        clock = new MovableClock(START);
        services = TestHomes.create(folder.resolve("home"), clock);
        Files.writeString(
                services.home().configFile(),
                "\n" + CachetServices.STATUS_LIST_URI_PROPERTY + "=" + LIST_URI + "\n",
                StandardOpenOption.APPEND);
        valid = issue("valid");
        revoked = issue("revoked");
        suspended = issue("suspended");
        services.registry()
                .change(revoked.id(), Registry.Change.REVOKE, "agent", Optional.of("fraud"), clock.instant());
        services.registry().change(suspended.id(), Registry.Change.SUSPEND, "agent", Optional.empty(), clock.instant());
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void withoutAStatusSourceARevokedCertificateIsNotValidButStatusNotChecked() {
        VerificationService trustOnly = new VerificationService(services.trustStore(), clock);

        VerificationReport report = trustOnly.verifyCode(revoked.seal());

        assertThat(report.verdict()).isEqualTo(Verdict.UNREADABLE);
        assertThat(report.reasons()).containsExactly(ReasonCode.STATUS_NOT_CHECKED);
        assertThat(report.statusNotChecked()).isTrue();
        assertThat(report.certificate()).hasValueSatisfying(certificate -> {
            assertThat(certificate.id()).isEqualTo(revoked.id().value());
            assertThat(certificate.issuerVerifier()).contains("https://ofii.fr/");
        });
        assertThat(failed(report, "status").detail())
                .contains("no registry available and no status list configured")
                .contains("check it online, at https://ofii.fr/");
    }

    @Test
    void aRegistryOfAnotherOfficeDoesNotCheckTheStatusEither() {
        Registry lyon = Registry.open(RegistryLocation.sqlite(folder.resolve("lyon.db")), "LYO");
        VerificationService lyonVerifier = new VerificationService(services.trustStore(), clock, Optional.of(lyon));

        VerificationReport report = lyonVerifier.verifyCode(revoked.seal());

        assertThat(report.reasons()).containsExactly(ReasonCode.STATUS_NOT_CHECKED);
        assertThat(failed(report, "status").detail()).contains("this registry holds office LYO's certificates");
    }

    @Test
    void withTheStatusListFileTheStatusIsTheRegistrysOne() throws Exception {
        Path file = folder.resolve("status-list.cwt");
        Files.write(file, services.statusList().export(Duration.ofDays(1), Duration.ofHours(1)));
        VerificationService verifier = withList(StatusListStatusSource.file(file, services.trustStore(), clock));

        VerificationReport revokedReport = verifier.verifyCode(revoked.seal());
        VerificationReport suspendedReport = verifier.verifyCode(suspended.seal());
        VerificationReport validReport = verifier.verifyCode(valid.seal());

        assertThat(revokedReport.verdict()).isEqualTo(Verdict.REVOKED);
        assertThat(revokedReport.reasons()).containsExactly(ReasonCode.CERTIFICATE_REVOKED);
        assertThat(revokedReport.certificate()).isPresent();
        assertThat(suspendedReport.verdict()).isEqualTo(Verdict.SUSPENDED);
        assertThat(validReport.verdict()).as("%s", validReport.checks()).isEqualTo(Verdict.VALID);
        assertThat(validReport.checks())
                .filteredOn(check -> check.name().equals("status-list.status"))
                .singleElement()
                .satisfies(check -> assertThat(check.outcome()).isEqualTo(Check.Outcome.PASSED));
    }

    @Test
    void anExpiredStatusListIsNotUsed() throws Exception {
        Path file = folder.resolve("status-list.cwt");
        Files.write(file, services.statusList().export(Duration.ofHours(2), Duration.ofHours(1)));
        VerificationService verifier = withList(StatusListStatusSource.file(file, services.trustStore(), clock));
        assertThat(verifier.verifyCode(revoked.seal()).verdict()).isEqualTo(Verdict.REVOKED);

        clock.set(START.plus(Duration.ofHours(3)));
        VerificationReport report = verifier.verifyCode(revoked.seal());

        assertThat(report.reasons()).containsExactly(ReasonCode.STATUS_NOT_CHECKED);
        assertThat(failed(report, "status").detail()).contains("expired");
    }

    @Test
    void aStatusListSignedByAnUntrustedKeyIsNotUsed() throws Exception {
        TestKeys stranger = TestKeys.create(START.minus(Duration.ofDays(1)));
        byte[] forged = new StatusListService(services.registry(), stranger.signer(), LIST_URI, clock)
                .export(Duration.ofDays(1), Duration.ofHours(1));
        Path file = folder.resolve("forged.cwt");
        Files.write(file, forged);
        VerificationService verifier = withList(StatusListStatusSource.file(file, services.trustStore(), clock));

        VerificationReport report = verifier.verifyCode(valid.seal());

        assertThat(report.reasons()).containsExactly(ReasonCode.STATUS_NOT_CHECKED);
        assertThat(failed(report, "status").detail()).contains("no trusted signer");
    }

    @Test
    void aStatusListSignedByAnotherOfficesKeySaysNothingAboutTheSeal() throws Exception {
        services.keys().addOffice("LYO", "Direction territoriale de Lyon");
        Path file = folder.resolve("lyon.cwt");
        Files.write(
                file,
                new StatusListService(services.registry(), services.keys().activeSigner("LYO"), LIST_URI, clock)
                        .export(Duration.ofDays(1), Duration.ofHours(1)));
        VerificationService verifier = withList(StatusListStatusSource.file(file, services.trustStore(), clock));

        VerificationReport report = verifier.verifyCode(revoked.seal());

        assertThat(report.reasons()).containsExactly(ReasonCode.STATUS_NOT_CHECKED);
        assertThat(failed(report, "status").detail()).contains("signed with a key of office LYO, not of office PAR");
    }

    @Test
    void aStatusListForAnotherUriSaysNothingAboutTheSeal() throws Exception {
        Path file = folder.resolve("other.cwt");
        Files.write(
                file,
                new StatusListService(
                                services.registry(),
                                services.keys().activeSigner("PAR"),
                                "https://elsewhere.example/api/v1/status-list",
                                clock)
                        .export(Duration.ofDays(1), Duration.ofHours(1)));
        VerificationService verifier = withList(StatusListStatusSource.file(file, services.trustStore(), clock));

        VerificationReport report = verifier.verifyCode(revoked.seal());

        assertThat(report.reasons()).containsExactly(ReasonCode.STATUS_NOT_CHECKED);
        assertThat(failed(report, "status").detail()).contains("not to the one configured here");
    }

    @Test
    void theStatusListServedOverHttpIsCachedAndFetchedAgainOnceItsTtlHasPassed() throws Exception {
        services.registry()
                .change(suspended.id(), Registry.Change.REINSTATE, "agent", Optional.empty(), clock.instant());
        AtomicReference<byte[]> served =
                new AtomicReference<>(services.statusList().export(Duration.ofHours(4), Duration.ofHours(1)));
        AtomicInteger requests = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/status-list", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get();
            if (body == null) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", StatusListService.MEDIA_TYPE);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/status-list";
        VerificationService verifier = withList(StatusListStatusSource.url(url, services.trustStore(), clock));

        assertThat(verifier.verifyCode(suspended.seal()).verdict()).isEqualTo(Verdict.VALID);
        // Suspended again, and a new list published: within the ttl the list already read still answers.
        clock.set(START.plus(Duration.ofMinutes(10)));
        services.registry().change(suspended.id(), Registry.Change.SUSPEND, "agent", Optional.empty(), clock.instant());
        served.set(services.statusList().export(Duration.ofHours(4), Duration.ofHours(1)));
        assertThat(verifier.verifyCode(suspended.seal()).verdict()).isEqualTo(Verdict.VALID);
        assertThat(requests).hasValue(1);

        clock.set(START.plus(Duration.ofMinutes(61)));
        assertThat(verifier.verifyCode(suspended.seal()).verdict()).isEqualTo(Verdict.SUSPENDED);
        assertThat(requests).hasValue(2);

        // The server stops answering: the list read at 09:10 serves until it expires at 13:10, and no longer.
        served.set(null);
        clock.set(START.plus(Duration.ofMinutes(10 + 60 + 1)));
        assertThat(verifier.verifyCode(suspended.seal()).verdict()).isEqualTo(Verdict.SUSPENDED);
        clock.set(START.plus(Duration.ofMinutes(10 + 240)));
        VerificationReport expired = verifier.verifyCode(suspended.seal());
        assertThat(expired.reasons()).containsExactly(ReasonCode.STATUS_NOT_CHECKED);
        assertThat(failed(expired, "status").detail()).contains("expired").contains("HTTP 503");
    }

    private VerificationService withList(StatusListStatusSource source) {
        return new VerificationService(services.trustStore(), clock).withStatusList(source);
    }

    private IssuedCertificate issue(String name) {
        return services.issuance()
                .issue(
                        "visa-validation",
                        TestHomes.sample(services, "visa-validation"),
                        folder.resolve(name + ".pdf"),
                        Locale.FRENCH);
    }

    private static Check failed(VerificationReport report, String name) {
        return report.checks().stream()
                .filter(check -> check.name().equals(name) && check.outcome() == Check.Outcome.FAILED)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no failed check " + name + " in " + report.checks()));
    }

    /** A clock the test moves: the status list's ttl and expiry are decided by it, never by waiting. */
    static final class MovableClock extends Clock {
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
