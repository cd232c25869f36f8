package io.cachet.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.TestHomes;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.report.CertificateFacts;
import io.cachet.core.report.CertificateSummary;
import io.cachet.core.report.ReportJson;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import io.cachet.core.types.CertificateType;
import io.cachet.core.types.FieldSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fact a seal carries is shown labelled, as the certificate prints it: for every bundled type, in French and in
 * English, the type's name, the office's name, each sealed field with its label and printed value (which the issued
 * PDF shows too), and the type's sentences with no placeholder left.
 */
class CertificateFactsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    static Path folder;

    static CachetServices services;
    static CertificateDescriber describer;

    @BeforeAll
    static void home() {
        services = TestHomes.create(folder.resolve("home"), CLOCK);
        describer = CertificateDescriber.of(services.catalog());
    }

    static List<String> types() {
        return TestHomes.bundledTypeIds();
    }

    @ParameterizedTest
    @MethodSource("types")
    void everySealedFieldIsLabelledAndPrintedAsOnThePaperInBothLanguages(String typeId) throws Exception {
        CertificateType type = services.catalog().get(typeId);
        JsonNode data = TestHomes.sample(services, typeId);
        IssuedCertificate issued =
                services.issuance().issue(typeId, data, folder.resolve(typeId + ".pdf"), Locale.FRENCH);
        VerificationReport report = services.verification().verifyCode(issued.seal());
        CertificateSummary certificate = report.certificate().orElseThrow();
        String printed = text(issued.file());
        List<FieldSpec> sealed =
                type.fields().stream().filter(field -> field.seal() != null).toList();

        for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
            CertificateFacts facts = describer.describe(certificate, locale);

            assertThat(facts.typeKnown()).isTrue();
            assertThat(facts.typeName()).isEqualTo(type.messages(locale).getProperty("title"));
            assertThat(facts.issuerName()).hasValue("TEST ONLY - Direction territoriale de Paris");
            assertThat(facts.fields())
                    .extracting(CertificateFacts.Field::key)
                    .containsExactlyElementsOf(
                            sealed.stream().map(FieldSpec::name).toList());
            for (FieldSpec spec : sealed) {
                CertificateFacts.Field field = facts.fields().stream()
                        .filter(f -> f.key().equals(spec.name()))
                        .findFirst()
                        .orElseThrow();
                String value = data.at("/" + spec.name().replace('.', '/')).asText();
                assertThat(field.label()).isEqualTo(type.messages(locale).getProperty(spec.name()));
                assertThat(field.value()).isEqualTo(value);
                assertThat(field.display())
                        .isEqualTo(
                                spec.kind() == FieldSpec.Kind.DATE
                                        ? LocalDate.parse(value).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"))
                                        : value);
                assertThat(printed)
                        .as("the paper shows %s as the page does", spec.name())
                        .contains(field.display());
            }
            assertThat(facts.attests())
                    .hasValueSatisfying(
                            sentence -> assertThat(sentence).doesNotContain("{").contains(certificate.familyName()));
            assertThat(facts.allows())
                    .hasValueSatisfying(sentence -> assertThat(sentence).doesNotContain("{"));
        }
        assertThat(describer.describe(certificate, Locale.ENGLISH).attests())
                .isNotEqualTo(describer.describe(certificate, Locale.FRENCH).attests());
    }

    @ParameterizedTest
    @MethodSource("types")
    void theJsonReportCarriesTheLabelledFacts(String typeId) throws Exception {
        IssuedCertificate issued = services.issuance()
                .issue(typeId, TestHomes.sample(services, typeId), folder.resolve(typeId + "-json.pdf"), Locale.FRENCH);
        VerificationReport report = services.verification().verifyCode(issued.seal());
        CertificateFacts facts = describer.describe(report.certificate().orElseThrow(), Locale.ENGLISH);

        ObjectNode json = ReportJson.toJson(report, Optional.of(facts));

        JsonNode certificate = json.get("certificate");
        assertThat(certificate.get("type").asText()).isEqualTo(typeId);
        assertThat(certificate.get("typeName").asText()).isEqualTo(facts.typeName());
        assertThat(certificate.get("issuer").asText()).isEqualTo("PAR");
        assertThat(certificate.get("issuerName").asText()).isEqualTo("TEST ONLY - Direction territoriale de Paris");
        assertThat(certificate.get("fields")).hasSize(facts.fields().size());
        for (int i = 0; i < facts.fields().size(); i++) {
            JsonNode field = certificate.get("fields").get(i);
            CertificateFacts.Field expected = facts.fields().get(i);
            assertThat(List.of(
                            field.get("key").asText(),
                            field.get("label").asText(),
                            field.get("value").asText(),
                            field.get("display").asText()))
                    .containsExactly(expected.key(), expected.label(), expected.value(), expected.display());
        }
        assertThat(certificate.get("attests").asText())
                .isEqualTo(facts.attests().orElseThrow());
    }

    @org.junit.jupiter.api.Test
    void anyOtherLanguageIsDescribedInFrenchWithoutGrowingTheLabelsKept() throws Exception {
        String typeId = types().get(0);
        IssuedCertificate issued = services.issuance()
                .issue(typeId, TestHomes.sample(services, typeId), folder.resolve(typeId + "-lang.pdf"), Locale.FRENCH);
        CertificateSummary certificate =
                services.verification().verifyCode(issued.seal()).certificate().orElseThrow();
        CertificateDescriber fresh = CertificateDescriber.of(services.catalog());
        CertificateFacts french = fresh.describe(certificate, Locale.FRENCH);
        CertificateFacts english = fresh.describe(certificate, Locale.ENGLISH);

        // qaa to qtz: languages reserved for private use, each one asked once as a hostile reader would.
        for (int i = 0; i < 500; i++) {
            Locale other = new Locale("q" + (char) ('a' + i / 26) + (char) ('a' + i % 26));
            assertThat(fresh.describe(certificate, other)).isEqualTo(french);
        }
        assertThat(fresh.describe(certificate, Locale.ROOT)).isEqualTo(french);
        assertThat(fresh.describe(certificate, Locale.ENGLISH)).isEqualTo(english);
        assertThat(fresh.labelsKept()).isEqualTo(2);
    }

    @org.junit.jupiter.api.Test
    void aTypeTheVerifierDoesNotKnowIsShownAsSealedUnderItsKeys() {
        CertificateSummary unknown = new CertificateSummary(
                "PAR-2026-ABCD",
                "work-permit",
                "PAR",
                CLOCK.instant(),
                Optional.empty(),
                "DOE",
                "Jane",
                "1990-01-01",
                Optional.empty(),
                Optional.of("OFII Paris"),
                Map.of("wp", "2026-01-02"),
                false);

        CertificateFacts facts = describer.describe(unknown, Locale.FRENCH);

        assertThat(facts.typeKnown()).isFalse();
        assertThat(facts.typeName()).isEqualTo("work-permit");
        assertThat(facts.fields()).containsExactly(new CertificateFacts.Field("wp", "wp", "2026-01-02", "2026-01-02"));
        assertThat(facts.attests()).isEmpty();
        assertThat(ReportJson.toJson(new VerificationReport(
                                io.cachet.core.report.Verdict.VALID,
                                List.of(),
                                List.of(),
                                Optional.of(unknown),
                                CLOCK.instant()))
                        .get("certificate")
                        .get("fields")
                        .get(0)
                        .get("key")
                        .asText())
                .isEqualTo("wp");
    }

    private static String text(Path pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(document);
        }
    }
}
