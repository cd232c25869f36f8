package io.cachet.benchmarks;

import io.cachet.core.crypto.Es256;
import io.cachet.core.keys.Kid;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.Registry;
import io.cachet.core.report.ReportJson;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.seal.CoseSign1;
import io.cachet.core.seal.SealText;
import io.cachet.core.services.CachetServices;
import io.cachet.core.verify.CertificateDescriber;
import io.cachet.core.verify.VerificationService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
 * Verification of distinct seals in process, next to the signature it cannot avoid: {@code verifyCode} (and the
 * JSON the API writes) round-robin over {@value #SEALS} seals really issued in a development home (each in its
 * registry), and one ES256 verification of each of those seals with the same office key. Issue 15 asks that a
 * verification cost at most twice the signature (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DistinctSealsBenchmark {
    static final int SEALS = 300;

    private Path home;
    private VerificationService verification;
    private CertificateDescriber describer;
    private List<String> seals;
    private byte[][] toBeSigned;
    private byte[][] signatures;
    private PublicKey officeKey;
    private Registry registry;
    private CertificateId[] ids;
    private int next;

    @Setup
    public void setUp() throws IOException, Exception {
        home = Files.createTempDirectory("cachet-bench-");
        CachetServices services = DistinctSeals.newDevelopmentHome(home.resolve("home"));
        seals = DistinctSeals.issue(services, SEALS);
        verification = services.verification();
        describer = CertificateDescriber.bundledOrNone();
        registry = services.registry();
        ids = new CertificateId[SEALS];
        toBeSigned = new byte[SEALS][];
        signatures = new byte[SEALS][];
        for (int i = 0; i < SEALS; i++) {
            CoseSign1 cose = CoseSign1.parse(
                    SealText.decode(seals.get(i), SealText.CACHET_PREFIX).cose());
            toBeSigned[i] = cose.toBeSigned();
            signatures[i] = cose.signature();
            ids[i] = CertificateId.parse(verification
                    .verifyCode(seals.get(i))
                    .certificate()
                    .orElseThrow()
                    .id());
            officeKey = verification
                    .trust()
                    .signer(new Kid(cose.kid().orElseThrow()))
                    .orElseThrow()
                    .getPublicKey();
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private int nextSeal() {
        next = next + 1 == SEALS ? 0 : next + 1;
        return next;
    }

    /** {@code VerificationService.verifyCode}: decode, signature, claims, registry, report. */
    @Benchmark
    public VerificationReport verifyCode() {
        return verification.verifyCode(seals.get(nextSeal()));
    }

    /** As {@code POST /api/v1/verify} does in core: {@link #verifyCode()} and the report written as JSON. */
    @Benchmark
    public String verifyCodeAsJson() {
        return ReportJson.toText(ReportJson.toJson(verification.verifyCode(seals.get(nextSeal()))));
    }

    /**
     * What {@code POST /api/v1/verify} does in core: {@link #verifyCode()}, the facts labelled in French by the
     * bundled types, and the report written as compact UTF-8 JSON.
     */
    @Benchmark
    public byte[] verifyCodeAsApiJson() {
        VerificationReport report = verification.verifyCode(seals.get(nextSeal()));
        return ReportJson.toCompactBytes(
                report, report.certificate().map(certificate -> describer.describe(certificate, Locale.FRENCH)));
    }

    /** The registry's part of a verification: one certificate's record read by its id. */
    @Benchmark
    public Optional<CertificateRecord> registryFind() {
        return registry.find(ids[nextSeal()]);
    }

    /** The reference: one ES256 verification, of the same seals, with the office key. */
    @Benchmark
    public boolean es256Verify() {
        int i = nextSeal();
        return Es256.verify(officeKey, toBeSigned[i], signatures[i]);
    }
}
