package io.cachet.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The report's JSON streamed straight to bytes ({@link ReportJson#toCompactBytes(VerificationReport, Optional)}, what
 * {@code POST /api/v1/verify} answers) is byte for byte what the API wrote before it was streamed: the tree of the
 * contract (built here field by field, as {@code ReportJson} built it) written compactly. Covered: every optional
 * field present and absent, a report without certificate, status facts with and without events, and text that JSON
 * must escape.
 */
class ReportJsonTest {
    private static final Instant NOW = Instant.parse("2026-12-05T16:00:00.123Z");
    /** Quotes, backslash, controls, a direction override, a line separator, non-BMP and accented letters. */
    private static final String HOSTILE = "Ré\"mi\\ \u0000\u001f\t\n\u202e\u2028 😀 <script>&'";

    static Stream<VerificationReport> reports() {
        CertificateSummary full = summary(Optional.of(NOW.plusSeconds(86_400)), Optional.of("OFII Paris"), "Dupont");
        CertificateSummary bare = summary(Optional.empty(), Optional.empty(), HOSTILE);
        List<Check> checks = List.of(
                Check.passed(CheckName.SEAL_SIGNATURE, "signature verified with key 0a1b"),
                Check.failed(CheckName.REGISTRY_STATUS, ReasonCode.CERTIFICATE_REVOKED, "revoked by the issuer"),
                Check.skipped(CheckName.STATUS_LIST_STATUS, HOSTILE));
        StatusFacts revoked = new StatusFacts(
                NOW,
                StatusFacts.Status.REVOKED,
                List.of(
                        new StatusFacts.Event("ISSUED", NOW.minusSeconds(3600), Optional.empty(), Optional.empty()),
                        new StatusFacts.Event(
                                "SUPERSEDED",
                                NOW.minusSeconds(60),
                                Optional.of(HOSTILE),
                                Optional.of("PAR-2026-0002"))));
        return Stream.of(
                new VerificationReport(Verdict.VALID, List.of(), List.of(checks.get(0)), Optional.of(full), NOW),
                new VerificationReport(
                        Verdict.REVOKED,
                        List.of(ReasonCode.CERTIFICATE_REVOKED),
                        checks,
                        Optional.of(bare),
                        NOW,
                        Optional.of(NOW.minusSeconds(10)),
                        Optional.of(revoked)),
                new VerificationReport(
                        Verdict.VALID,
                        List.of(),
                        List.of(),
                        Optional.of(full),
                        NOW,
                        Optional.of(NOW),
                        Optional.of(new StatusFacts(NOW, StatusFacts.Status.VALID, List.of()))),
                new VerificationReport(
                        Verdict.INVALID,
                        List.of(ReasonCode.SIGNATURE_INVALID, ReasonCode.CERTIFICATE_REVOKED),
                        checks,
                        Optional.empty(),
                        NOW));
    }

    @ParameterizedTest
    @MethodSource("reports")
    void streamedBytesAreTheTreeWrittenCompactly(VerificationReport report) throws Exception {
        Optional<CertificateFacts> unlabelled = report.certificate().map(CertificateFacts::unlabelled);
        Optional<CertificateFacts> labelled = report.certificate().map(ReportJsonTest::labelled);

        for (Optional<CertificateFacts> facts : List.of(unlabelled, labelled, Optional.<CertificateFacts>empty())) {
            byte[] expected = new ObjectMapper().writer().writeValueAsBytes(contractTree(report, facts));

            assertThat(new String(ReportJson.toCompactBytes(report, facts), StandardCharsets.UTF_8))
                    .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(ReportJson.toCompactBytes(report, facts)).isEqualTo(expected);
            assertThat(ReportJson.toJson(report, facts)).isEqualTo(contractTree(report, facts));
            assertThat(ReportJson.toCompactBytes(ReportJson.toJson(report, facts)))
                    .isEqualTo(expected);
        }
    }

    @Test
    void textIsEscapedAsJsonRequires() {
        VerificationReport report = reports().toList().get(1);

        String json = new String(ReportJson.toCompactBytes(report, Optional.empty()), StandardCharsets.UTF_8);

        assertThat(json)
                // Jackson writes a character outside the BMP as its escaped surrogate pair, as the tree writer did.
                .contains("Ré\\\"mi\\\\ \\u0000\\u001F\\t\\n\u202e\u2028 \\uD83D\\uDE00 <script>&'")
                .doesNotContain("\n");
    }

    private static CertificateSummary summary(
            Optional<Instant> expiresAt, Optional<String> issuerName, String familyName) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("vn", "123456789");
        fields.put("vd", "2026-03-01");
        fields.put("x", HOSTILE);
        return new CertificateSummary(
                "PAR-2026-0001",
                "visa-validation",
                "PAR",
                NOW.minusSeconds(3600),
                expiresAt,
                familyName,
                "Jean Émile",
                "1990-03",
                Optional.of("https://verify.example"),
                issuerName,
                fields,
                false);
    }

    private static CertificateFacts labelled(CertificateSummary summary) {
        return new CertificateFacts(
                "Validation du visa",
                true,
                summary.issuerName(),
                Optional.of("Atteste " + HOSTILE),
                Optional.empty(),
                List.of(
                        new CertificateFacts.Field("visaNumber", "N° de visa", "123456789", "123456789"),
                        new CertificateFacts.Field("validatedOn", "Validé le", "2026-03-01", "01/03/2026")));
    }

    /** The contract as a tree, field by field: how {@code ReportJson} built it before writing it as a stream. */
    private static ObjectNode contractTree(VerificationReport report, Optional<CertificateFacts> facts) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("verdict", report.verdict().name());
        ArrayNode reasons = root.putArray("reasons");
        report.reasons().forEach(reason -> reasons.add(reason.name()));
        ArrayNode checks = root.putArray("checks");
        for (Check check : report.checks()) {
            ObjectNode node = checks.addObject();
            node.put("name", check.name());
            node.put("outcome", check.outcome().name());
            check.reason().ifPresent(reason -> node.put("reason", reason.name()));
            node.put("detail", check.detail());
        }
        if (report.certificate().isPresent()) {
            CertificateSummary summary = report.certificate().get();
            ObjectNode certificate = root.putObject("certificate");
            certificate.put("id", summary.id());
            certificate.put("type", summary.type());
            CertificateFacts labelled = facts.orElseGet(() -> CertificateFacts.unlabelled(summary));
            certificate.put("typeName", labelled.typeName());
            certificate.put("issuer", summary.issuer());
            certificate.put("issuerName", labelled.issuerName().orElse(null));
            certificate.put("issuedAt", summary.issuedAt().toString());
            certificate.put(
                    "expiresAt", summary.expiresAt().map(Instant::toString).orElse(null));
            ObjectNode holder = certificate.putObject("holder");
            holder.put("familyName", summary.familyName());
            holder.put("givenNames", summary.givenNames());
            holder.put("birthDate", summary.birthDate());
            ArrayNode fields = certificate.putArray("fields");
            for (CertificateFacts.Field field : labelled.fields()) {
                ObjectNode node = fields.addObject();
                node.put("key", field.key());
                node.put("label", field.label());
                node.put("value", field.value());
                node.put("display", field.display());
            }
            certificate.put("attests", labelled.attests().orElse(null));
            certificate.put("allows", labelled.allows().orElse(null));
        } else {
            root.putNull("certificate");
        }
        root.put("checkedAt", report.checkedAt().toString());
        root.put("statusAt", report.statusAt().map(Instant::toString).orElse(null));
        if (report.status().isEmpty()) {
            root.putNull("status");
        } else {
            StatusFacts status = report.status().get();
            ObjectNode node = root.putObject("status");
            node.put("at", status.at().toString());
            node.put("status", status.status().name());
            ArrayNode events = node.putArray("events");
            for (StatusFacts.Event event : status.events()) {
                ObjectNode item = events.addObject();
                item.put("kind", event.kind());
                item.put("at", event.at().toString());
                item.put("reason", event.reason().orElse(null));
                item.put("related", event.related().orElse(null));
            }
        }
        return root;
    }
}
