package io.cachet.benchmarks;

import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.home.KeystorePassphrase;
import io.cachet.core.keys.Keystores;
import io.cachet.core.pdf.LocalTimestampAuthority;
import io.cachet.core.pdf.PadesSigner;
import io.cachet.core.pdf.PdfExtender;
import io.cachet.core.pdf.PdfSignatureVerifier;
import io.cachet.core.pdf.PdfVerification;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import io.cachet.core.verify.VerificationService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The certificate PDF on one core: PAdES B-T signing of a rendered certificate (signature and timestamp from the
 * local TEST authority), verification of a signed one, the PDF signature alone and the whole report (signature,
 * QR code, seal), and the long term: extending a file to B-LTA and verifying the extended file. Sample time, so JMH reports the median (p0.50) and the tail.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PdfBenchmark {
    private Path folder;
    private PadesSigner signer;
    private PdfSignatureVerifier signatureVerifier;
    private VerificationService verification;
    private byte[] rendered;
    private byte[] signed;
    private byte[] extended;
    private PdfExtender extender;

    @Setup
    public void setUp() throws Exception {
        folder = Files.createTempDirectory("cachet-pdf-benchmark");
        CachetHome home = new CachetHome(folder.resolve("home"));
        Clock clock = Clock.systemUTC();
        new HomeInitializer(clock, Map.of())
                .initialize(
                        home,
                        new HomeInitializer.Request(
                                "PAR", "Direction territoriale de Paris", true, false, "http://localhost:8080"));
        CachetServices services = new CachetServices(home, Optional.empty(), Map.of(), clock);
        String sample = services.catalog().get("visa-validation").sampleJson();
        Path pdf = services.issuance()
                .issue(
                        "visa-validation",
                        new com.fasterxml.jackson.databind.ObjectMapper().readTree(sample),
                        folder.resolve("visa.pdf"),
                        Locale.FRENCH)
                .file();
        signed = Files.readAllBytes(pdf);
        rendered = firstRevision(signed);
        char[] passphrase = KeystorePassphrase.resolve(home, home.config(), Map.of());
        signer = new PadesSigner(
                Keystores.read(home.signerKeystore(), "PAR", passphrase),
                new LocalTimestampAuthority(
                        Keystores.read(home.timestampKeystore(), HomeInitializer.TIMESTAMP_ALIAS, passphrase), clock));
        signatureVerifier = new PdfSignatureVerifier(services.trustStore());
        verification = services.verification();
        extender = services.pdfExtender();
        extended = extender.extend(signed, PdfExtender.Level.LTA).pdf();
    }

    @TearDown
    public void tearDown() throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        }
    }

    /** PAdES B-T signature of the rendered PDF/A: incremental update, CMS, signature timestamp. */
    @Benchmark
    public byte[] signPdf() {
        return signer.sign(rendered, "Direction territoriale de Paris", "benchmark");
    }

    /** The PDF signature checks alone, QR code reading included (PdfSignatureVerifier). */
    @Benchmark
    public PdfVerification verifyPdfSignature() {
        return signatureVerifier.verify(signed);
    }

    /** Everything `cachet verify FILE.pdf` does: the PDF signature, the QR code, the seal, the report. */
    @Benchmark
    public VerificationReport verifyCertificatePdf() {
        return verification.verifyPdf(signed);
    }

    /** `cachet verify` of a file extended to B-LTA: signed revision, validation data, document timestamp. */
    @Benchmark
    public VerificationReport verifyExtendedCertificatePdf() {
        return verification.verifyPdf(extended);
    }

    /** `cachet pdf extend --level LTA` of one file (both verifications it makes included). */
    @Benchmark
    public PdfExtender.Extension extendToLta() {
        return extender.extend(signed, PdfExtender.Level.LTA);
    }

    /** The file as rendered, before the signature's incremental update. */
    private static byte[] firstRevision(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("%%EOF") + "%%EOF".length();
        while (end < pdf.length && (pdf[end] == '\n' || pdf[end] == '\r')) {
            end++;
        }
        return Arrays.copyOf(pdf, end);
    }
}
