package io.cachet.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.render.CertificateRenderer;
import io.cachet.core.render.RenderRequest;
import io.cachet.core.types.CertificateType;
import io.cachet.core.types.DataValidator;
import io.cachet.core.types.TypeCatalog;
import io.cachet.core.types.ValidatedData;
import java.time.Instant;
import java.util.Locale;
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
 * Rendering one certificate page (Thymeleaf → XHTML → openhtmltopdf → tagged PDF/A-3a) per type, after warm-up,
 * on one thread: documents per second per core. The seal text is fixed (signing is measured elsewhere).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class RenderBenchmark {
    private static final String SEAL = "CT1:"
            + "6BFOXN*TS0BI$ZD.P9UOL97O4-2HH77HRM3DSPTJNP2OL0SFR0/E10EE8*C0MD2S3CTYDI76RQH%WE:9PN-E82LCRPA5CAC8LT+Y4%1ML:R5I2ANOAZZ5QT3QW4WF6%U3H2JDK3W1EQRU0JP.2OLO$43ZDDQIUO$P3AM*HK:N3FDM4KLW7MR0U.GPO+DW*5S:5Q6L9M0C2FS27D5NN.Q3I7L-V+8D44VA-*AXZC1BU3B/SF0SJ+S/AI3TLJ8NP1T.OTHN43OVD/QX9%$Q$BUR.F2U1Z6G";

    @Param({"appointment", "asylum-reception", "cir", "family-reunification-deposit", "medical-visit", "visa-validation"
    })
    public String type;

    private CertificateRenderer renderer;
    private RenderRequest request;

    @Setup
    public void setUp() throws Exception {
        TypeCatalog catalog = TypeCatalog.loadBundled();
        renderer = new CertificateRenderer(catalog);
        CertificateType certificateType = catalog.get(type);
        ValidatedData data =
                DataValidator.validate(certificateType, new ObjectMapper().readTree(certificateType.sampleJson()));
        Instant issuedAt = Instant.parse("2026-11-20T09:00:00Z");
        request = new RenderRequest(
                data,
                "7K2M-9QXH-4TWD-R8NB-5",
                issuedAt,
                Optional.of(issuedAt.plusSeconds(31_536_000)),
                "PAR",
                "Direction territoriale de Paris",
                Optional.of(SEAL),
                "https://verifier.example",
                Locale.FRENCH,
                false);
    }

    @Benchmark
    public byte[] render() {
        return renderer.render(request);
    }
}
