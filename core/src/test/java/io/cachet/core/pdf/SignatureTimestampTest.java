package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.cachet.core.CachetException;
import io.cachet.core.TestHomes;
import io.cachet.core.home.KeystorePassphrase;
import io.cachet.core.keys.Keystores;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PAdES B-T: every issued signature carries an RFC 3161 signature timestamp, and the verifier checks it. */
class SignatureTimestampTest {
    private static final Instant NOW = Instant.parse("2026-11-20T10:15:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String OFFICE_NAME = "Direction territoriale de Paris";

    @TempDir
    static Path folder;

    static CachetServices services;
    static SignerKey officeKey;
    static SignerKey timestampKey;
    static byte[] pdf;

    @BeforeAll
    static void issueOne() throws Exception {
        services = TestHomes.create(folder.resolve("home"), CLOCK);
        pdf = Files.readAllBytes(issue(services, folder.resolve("visa.pdf")));
        char[] passphrase = KeystorePassphrase.resolve(services.home(), services.config(), Map.of());
        officeKey = Keystores.read(services.home().signerKeystore(), "PAR", passphrase);
        timestampKey = Keystores.read(services.home().timestampKeystore(), "tsa", passphrase);
    }

    @Test
    void anIssuedPdfIsTimestampedAndTakesItsTimeFromTheTimestamp() {
        VerificationReport report = services.verification().verifyPdf(pdf);

        assertThat(report.verdict()).as("%s", report.checks()).isEqualTo(Verdict.VALID);
        assertThat(report.checks())
                .filteredOn(check -> check.name().equals("pdf.timestamp"))
                .singleElement()
                .satisfies(check -> {
                    assertThat(check.outcome()).isEqualTo(Check.Outcome.PASSED);
                    assertThat(check.detail()).contains(NOW.toString()).contains("TEST Timestamp Authority");
                });
        assertThat(new PdfSignatureVerifier(services.trustStore()).verify(pdf).signedAt())
                .contains(NOW);
    }

    @Test
    void anIssuedPdfStaysWithinItsSizeBudget() {
        assertThat(pdf.length).isLessThanOrEqualTo(60 * 1024);
    }

    @Test
    void aSignatureWithoutTimestampIsRejected() {
        byte[] unstamped = new PadesSigner(officeKey).sign(Forgery.firstRevision(pdf), OFFICE_NAME, "no timestamp");

        assertRejected(unstamped, ReasonCode.PDF_TIMESTAMP_MISSING);
    }

    @Test
    void aTimestampFromAnAuthorityOutsideTheTrustAnchorsIsRejected(@TempDir Path other) throws Exception {
        CachetServices stranger = TestHomes.create(other.resolve("home"), CLOCK);
        char[] passphrase = KeystorePassphrase.resolve(stranger.home(), stranger.config(), Map.of());
        var strangeTsa = new LocalTimestampAuthority(
                Keystores.read(stranger.home().timestampKeystore(), "tsa", passphrase), CLOCK);

        byte[] signed = new PadesSigner(officeKey, strangeTsa).sign(Forgery.firstRevision(pdf), OFFICE_NAME, "x");

        assertRejected(signed, ReasonCode.PDF_TIMESTAMP_INVALID);
    }

    @Test
    void aTimestampOverAnotherSignatureIsRejected() {
        LocalTimestampAuthority genuine = new LocalTimestampAuthority(timestampKey, CLOCK);
        TimestampAuthority misdirected = new TimestampAuthority() {
            @Override
            public byte[] timestamp(byte[] sha256) {
                byte[] other = sha256.clone();
                other[0] ^= 1;
                return genuine.timestamp(other);
            }

            @Override
            public String description() {
                return "misdirected";
            }
        };

        byte[] signed = new PadesSigner(officeKey, misdirected).sign(Forgery.firstRevision(pdf), OFFICE_NAME, "x");

        assertRejected(signed, ReasonCode.PDF_TIMESTAMP_INVALID);
    }

    @Test
    void aSignatureTimestampedAfterTheSignerExpiredIsRejected() {
        Clock afterExpiry =
                Clock.fixed(officeKey.certificate().getNotAfter().toInstant().plusSeconds(86_400), ZoneOffset.UTC);
        var late = new LocalTimestampAuthority(timestampKey, afterExpiry);

        byte[] signed = new PadesSigner(officeKey, late).sign(Forgery.firstRevision(pdf), OFFICE_NAME, "x");

        assertRejected(signed, ReasonCode.PDF_SIGNER_NOT_VALID_AT_SIGNING);
    }

    @Test
    void aTimestampAuthorityOverHttpIsUsedWhenConfigured(@TempDir Path other) throws Exception {
        CachetServices home = TestHomes.create(other.resolve("home"), CLOCK);
        char[] passphrase = KeystorePassphrase.resolve(home.home(), home.config(), Map.of());
        var local =
                new LocalTimestampAuthority(Keystores.read(home.home().timestampKeystore(), "tsa", passphrase), CLOCK);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int[] requests = {0};
        server.createContext("/tsa", exchange -> {
            byte[] reply = local.respond(exchange.getRequestBody().readAllBytes());
            requests[0]++;
            exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
        try {
            configureTsa(home, "http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
            CachetServices configured = reopen(home);

            byte[] issued = Files.readAllBytes(issue(configured, other.resolve("v.pdf")));

            assertThat(requests[0]).isEqualTo(1);
            assertThat(configured.verification().verifyPdf(issued).verdict()).isEqualTo(Verdict.VALID);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableTimestampAuthorityStopsIssuanceAndWritesNothing(@TempDir Path other) throws Exception {
        CachetServices home = TestHomes.create(other.resolve("home"), CLOCK);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        configureTsa(home, "http://127.0.0.1:" + closedPort + "/tsa");
        Path out = other.resolve("never.pdf");

        assertThatThrownBy(() -> issue(reopen(home), out))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("cannot get a timestamp from http://127.0.0.1:" + closedPort)
                .hasMessageContaining("nothing was issued");
        assertThat(out).doesNotExist();
    }

    @Test
    void aHomeWithoutAnyTimestampAuthorityCannotIssue(@TempDir Path other) throws Exception {
        CachetServices home = TestHomes.create(other.resolve("home"), CLOCK);
        Files.delete(home.home().timestampKeystore());

        assertThatThrownBy(() -> issue(reopen(home), other.resolve("never.pdf")))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("no timestamp authority")
                .hasMessageContaining("tsa.url");
    }

    private static Path issue(CachetServices services, Path out) {
        return services.issuance()
                .issue("visa-validation", TestHomes.sample(services, "visa-validation"), out, Locale.FRENCH)
                .file();
    }

    private static void configureTsa(CachetServices services, String url) throws Exception {
        Files.writeString(
                services.home().configFile(),
                "tsa.url=" + url.replace(":", "\\:") + "\n",
                StandardCharsets.ISO_8859_1,
                StandardOpenOption.APPEND);
    }

    private static CachetServices reopen(CachetServices services) {
        return new CachetServices(services.home(), Optional.empty(), Map.of(), CLOCK);
    }

    private static void assertRejected(byte[] forged, ReasonCode expected) {
        VerificationReport report = services.verification().verifyPdf(forged);

        assertThat(report.verdict()).as("%s", report.checks()).isEqualTo(Verdict.INVALID);
        assertThat(report.reasons()).as("%s", report.checks()).containsExactly(expected);
    }
}
