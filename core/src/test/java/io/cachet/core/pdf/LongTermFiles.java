package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestHomes;
import io.cachet.core.home.KeystorePassphrase;
import io.cachet.core.keys.Keystores;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import io.cachet.core.verify.VerificationService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The genuine files the long-term attack tests forge from, issued once per test run ({@link LongTermFilesExtension}):
 * a certificate signed at {@link #ISSUED} by a development home ({@link #issued()}, PAdES B-T) and its extensions at
 * {@link #EXTENDED} to B-LT ({@link #lt()}) and B-LTA ({@link #lta()}), with the signer's certificate and the root key
 * that issued it. The arrays are shared: a test copies before it changes bytes ({@link Forgery} does).
 */
final class LongTermFiles implements AutoCloseable {
    static final Instant ISSUED = Instant.parse("2026-11-20T10:15:30Z");
    static final Instant EXTENDED = ISSUED.plus(Duration.ofDays(1));

    private final Path folder;
    private final CachetServices issuing;
    private final byte[] issued;
    private final byte[] lt;
    private final byte[] lta;
    private final X509Certificate signer;
    private final SignerKey root;

    private LongTermFiles(Path folder) throws IOException {
        this.folder = folder;
        this.issuing = TestHomes.create(folder.resolve("home"), fixed(ISSUED));
        this.issued = Files.readAllBytes(issuing.issuance()
                .issue("cir", TestHomes.sample(issuing, "cir"), folder.resolve("cir.pdf"), Locale.FRENCH)
                .file());
        PdfExtender extender = extender(EXTENDED);
        this.lt = extender.extend(issued, PdfExtender.Level.LT).pdf();
        this.lta = extender.extend(issued, PdfExtender.Level.LTA).pdf();
        this.signer =
                verifier().verify(issued, EXTENDED).signature().orElseThrow().signer();
        char[] passphrase = KeystorePassphrase.resolve(issuing.home(), issuing.config(), Map.of());
        this.root = Keystores.read(issuing.home().rootKeystore(), "root", passphrase);
    }

    /** Issues and extends the files in a new temporary folder, deleted by {@link #close()}. */
    static LongTermFiles issue() {
        try {
            LongTermFiles files = new LongTermFiles(Files.createTempDirectory("cachet-long-term"));
            assertThat(files.verify(files.lt()).verdict()).isEqualTo(Verdict.VALID);
            assertThat(files.verify(files.lta()).verdict()).isEqualTo(Verdict.VALID);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CachetServices issuing() {
        return issuing;
    }

    byte[] issued() {
        return issued;
    }

    byte[] lt() {
        return lt;
    }

    byte[] lta() {
        return lta;
    }

    /** The office certificate that signed {@link #issued()}. */
    X509Certificate signer() {
        return signer;
    }

    /** The development root, which issued {@link #signer()}. */
    SignerKey root() {
        return root;
    }

    /** The day after the signer's certificate expires. */
    Instant afterExpiry() {
        return signer.getNotAfter().toInstant().plus(Duration.ofDays(1));
    }

    PdfSignatureVerifier verifier() {
        return new PdfSignatureVerifier(issuing.trustStore());
    }

    /** The home's extender, as of {@code at}. */
    PdfExtender extender(Instant at) {
        return new CachetServices(issuing.home(), Optional.empty(), Map.of(), fixed(at)).pdfExtender();
    }

    /** The home's own timestamp authority, answering with the time {@code at}. */
    TimestampAuthority genuineAuthority(Instant at) {
        char[] passphrase = KeystorePassphrase.resolve(issuing.home(), issuing.config(), Map.of());
        return new LocalTimestampAuthority(
                Keystores.read(issuing.home().timestampKeystore(), "tsa", passphrase), fixed(at));
    }

    /** The whole verification of {@code pdf} as of {@link #EXTENDED}. */
    VerificationReport verify(byte[] pdf) {
        return verifyAt(pdf, EXTENDED);
    }

    VerificationReport verifyAt(byte[] pdf, Instant at) {
        return new VerificationService(issuing.trustStore(), fixed(at), Optional.of(issuing.registry())).verifyPdf(pdf);
    }

    /** {@code forged} does not verify as VALID, and {@code expected} is among the reasons. */
    void assertRejected(byte[] forged, ReasonCode expected) {
        VerificationReport report = verify(forged);

        String failed = failedChecks(report);
        assertThat(report.verdict()).as("failed checks %s", failed).isNotEqualTo(Verdict.VALID);
        assertThat(report.reasons()).as("failed checks %s", failed).contains(expected);
    }

    /** The failed checks of {@code report}, for assertion messages. */
    static String failedChecks(VerificationReport report) {
        return report.checks().stream()
                .filter(check -> check.outcome() == Check.Outcome.FAILED)
                .map(check -> check.name() + ": " + check.detail())
                .toList()
                .toString();
    }

    /** The reasons of the failed checks of {@code verification}. */
    static List<ReasonCode> failedReasons(PdfVerification verification) {
        return verification.checks().stream()
                .filter(check -> check.outcome() == Check.Outcome.FAILED)
                .map(check -> check.reason().orElseThrow())
                .toList();
    }

    static Clock fixed(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
