package io.cachet.benchmarks;

import io.cachet.core.crypto.Es256;
import io.cachet.core.keys.DevelopmentPki;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.seal.CoseSign1;
import io.cachet.core.seal.Holder;
import io.cachet.core.seal.SealClaims;
import io.cachet.core.seal.SealSigner;
import io.cachet.core.seal.SealText;
import io.cachet.core.seal.SealVerification;
import io.cachet.core.seal.SealVerifier;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The seal on one core: claims → signed QR text, and QR text → verified result. Also the raw ES256 operations of
 * both engines (JDK SunEC and Bouncy Castle) to choose between them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SealBenchmark {
    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

    @Param({"BOUNCY_CASTLE", "JDK"})
    public String engine;

    private SealSigner signer;
    private SealVerifier verifier;
    private SealClaims claims;
    private String seal;
    private KeyPair keys;
    private byte[] toBeSigned;
    private byte[] signature;
    private Es256.Engine es256;

    @Setup
    public void setUp() throws Exception {
        es256 = Es256.Engine.valueOf(engine);
        System.setProperty("cachet.ecdsa", es256 == Es256.Engine.JDK ? "jdk" : "bc");
        KeyPair rootKeys = DevelopmentPki.newP256KeyPair();
        X509Certificate root = DevelopmentPki.rootCertificate(rootKeys, true, NOW.minusSeconds(86_400));
        keys = DevelopmentPki.newP256KeyPair();
        X509Certificate certificate = DevelopmentPki.officeCertificate(
                keys,
                "PAR",
                "Paris",
                root,
                rootKeys.getPrivate(),
                true,
                NOW.minusSeconds(86_400),
                "http://localhost/crl");
        signer = new SealSigner(new SignerKey("PAR", keys.getPrivate(), List.of(certificate, root)));
        verifier = new SealVerifier(TrustStore.of(List.of(root), List.of(certificate)), SealVerifier.Policy.CACHET);
        claims = new SealClaims(
                "PAR",
                "7K2M-9QXH-4TWD-R8NB-5",
                "visa-validation",
                NOW.minusSeconds(3_600),
                Optional.of(NOW.plusSeconds(31_536_000)),
                new Holder("EL AMRANI", "Yasmine Fatima", "1994-07-21"),
                Map.of("vn", "FRA3019284", "vc", "salarié", "vd", "2026-10-14"));
        seal = signer.sign(claims);
        CoseSign1 cose =
                CoseSign1.parse(SealText.decode(seal, SealText.CACHET_PREFIX).cose());
        toBeSigned = cose.toBeSigned();
        signature = cose.signature();
    }

    /** Encode and sign, including the issuer's check that its QR code reads back (section 5 of the spec). */
    @Benchmark
    public String encodeAndSign() {
        return signer.sign(claims);
    }

    /** Decode and verify: layers, algorithm, key, signature, times. Uses the engine chosen at class load. */
    @Benchmark
    public SealVerification decodeAndVerify() {
        return verifier.verify(seal, NOW);
    }

    @Benchmark
    public byte[] es256Sign() {
        return Es256.sign(es256, keys.getPrivate(), toBeSigned);
    }

    @Benchmark
    public boolean es256Verify() {
        return Es256.verify(es256, keys.getPublic(), toBeSigned, signature);
    }
}
