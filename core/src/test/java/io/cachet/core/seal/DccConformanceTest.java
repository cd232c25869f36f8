package io.cachet.core.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.keys.Pem;
import io.cachet.core.keys.TrustStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public EU DCC test vectors (src/test/resources/dcc-testdata, Apache-2.0, see LICENSE and NOTICE there) run
 * in-process through the same decoder as {@code cachet seal decode}, with the same expectations as
 * {@code shared/conformance/run-dcc-vectors} and the same overrides (dcc-overrides.tsv).
 */
class DccConformanceTest {
    private static final Path DATA = Path.of("src/test/resources/dcc-testdata");
    private static final List<String> CODEC_KEYS = List.of(
            "EXPECTEDUNPREFIX",
            "EXPECTEDB45DECODE",
            "EXPECTEDCOMPRESSION",
            "EXPECTEDDECODE",
            "EXPECTEDVERIFY",
            "EXPECTEDEXPIRATIONCHECK");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyApplicableVectorGivesTheExpectedOutcome() throws Exception {
        Map<String, String> overrides = overrides();
        List<String> failures = new ArrayList<>();
        int passed = 0;
        int skipped = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DATA)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            String name = DATA.relativize(file).toString().replace('\\', '/');
            JsonNode vector = JSON.readTree(file.toFile());
            String expectation = overrides.getOrDefault(name, expectation(vector));
            JsonNode context = vector.path("TESTCTX");
            if (expectation.equals("skip")
                    || !vector.has("PREFIX")
                    || !context.has("CERTIFICATE")
                    || !context.has("VALIDATIONCLOCK")) {
                skipped++;
                continue;
            }
            boolean verified;
            try {
                TrustStore trust = TrustStore.ofSignersDirectly(Pem.parseCertificates(
                        context.get("CERTIFICATE").asText().getBytes(StandardCharsets.US_ASCII)));
                SealInspector inspector = new SealInspector(
                        trust,
                        "HC1:",
                        new SealVerifier.Policy("HC1:", Duration.ZERO, SealVerifier.SignerValidity.AT_CHECK));
                verified = inspector
                        .inspect(
                                vector.get("PREFIX").asText(),
                                clock(context.get("VALIDATIONCLOCK").asText()))
                        .verified();
            } catch (java.security.cert.CertificateException e) {
                verified = false;
            }
            if (verified == expectation.equals("ok")) {
                passed++;
            } else {
                failures.add(name + ": expected " + expectation + ", verified=" + verified);
            }
        }
        assertThat(failures).as("%d passed, %d skipped", passed, skipped).isEmpty();
        assertThat(passed).isEqualTo(563);
    }

    private static String expectation(JsonNode vector) {
        JsonNode results = vector.path("EXPECTEDRESULTS");
        boolean anyFalse = false;
        boolean verify = false;
        for (String key : CODEC_KEYS) {
            JsonNode value = results.get(key);
            if (value != null && value.isBoolean()) {
                anyFalse |= !value.asBoolean();
                verify |= key.equals("EXPECTEDVERIFY") && value.asBoolean();
            }
        }
        return anyFalse ? "fail" : verify ? "ok" : "skip";
    }

    /** VALIDATIONCLOCK in its many shapes; no zone means UTC, as upstream's suite does. */
    static Instant clock(String text) {
        String normalised = text.strip().replaceAll("([+-]\\d\\d)(\\d\\d)$", "$1:$2");
        try {
            return OffsetDateTime.parse(normalised).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return LocalDateTime.parse(normalised, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .toInstant(ZoneOffset.UTC);
        }
    }

    private static Map<String, String> overrides() throws Exception {
        Map<String, String> overrides = new HashMap<>();
        for (String line : Files.readAllLines(DATA.resolve("dcc-overrides.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            overrides.put(fields[0], fields[1]);
        }
        return overrides;
    }
}
