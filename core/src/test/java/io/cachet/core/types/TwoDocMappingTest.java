package io.cachet.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachet.core.CachetException;
import io.cachet.core.TemplateFolders;
import io.cachet.core.TestKeys;
import io.cachet.core.twodoc.TwoDocContent;
import io.cachet.core.twodoc.TwoDocField;
import io.cachet.core.twodoc.TwoDocSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code twodoc} object of a type.json is checked when the catalogue loads; broken ones name the problem. */
class TwoDocMappingTest {
    private static final String IDENTITY =
            "\"certificate.id\": \"01\", \"holder.familyName\": \"62\", \"holder.birthDate\": \"69\"";

    @TempDir
    Path folder;

    @Test
    void everyBundledTypeDeclaresAMappingWithTheCertificateNumber() {
        TypeCatalog catalog = TypeCatalog.load(TemplateFolders.SOURCE);

        assertThat(catalog.types()).allSatisfy(type -> {
            TwoDocMapping mapping = type.twoDoc().orElseThrow();
            assertThat(mapping.identifiers()).containsEntry(TwoDocMapping.CERTIFICATE_ID, "01");
            assertThat(mapping.perimeter()).isEqualTo("01");
        });
    }

    @Test
    void aSampleBecomesUpperCaseValuesWithPartialBirthDatesAndTruncatedLongNames() throws Exception {
        TypeCatalog catalog = TypeCatalog.load(TemplateFolders.SOURCE);
        CertificateType type = catalog.get("asylum-reception");
        var data = (com.fasterxml.jackson.databind.node.ObjectNode) DataJson.parse(type.sampleJson(), "sample");
        var holder = (com.fasterxml.jackson.databind.node.ObjectNode) data.get("holder");
        holder.put("birthDate", "1996");
        holder.put("birthPlace", "Hérat, province de Hérat (Afghanistan) — district de Guzara");
        TwoDocSigner signer = new TwoDocSigner(TestKeys.create(Instant.now()).signer(), "FR00", "0001");

        TwoDocContent content = type.twoDoc()
                .orElseThrow()
                .content(
                        DataValidator.validate(type, data),
                        "7K2M-9QXH-4TWD-R8NB-5",
                        LocalDate.of(2026, 11, 4),
                        Optional.empty(),
                        signer);

        assertThat(content.header().text()).isEqualTo("DC04FR000001264C264CZ201FR");
        assertThat(content.fields())
                .containsExactly(
                        TwoDocField.of("01", "7K2M9QXH4TWDR8NB5"),
                        TwoDocField.of("62", "HAIDARI"),
                        TwoDocField.of("60", "MOHAMMAD REZA"),
                        TwoDocField.of("69", "00001996"),
                        new TwoDocField("6A", "HERAT PROVINCE DE HERAT AFGHANIS", true),
                        TwoDocField.of("G2", "7526041872"));
    }

    @Test
    void anUnknownIdentifierIsRefused() {
        assertRefused(mapping("Z5", true, IDENTITY + ", \"passportNumber\": \"ZZ\""), "'ZZ'", "not a data identifier");
    }

    @Test
    void anIdentifierCachetOnlyReadsIsRefused() {
        assertRefused(
                mapping("Z5", true, IDENTITY + ", \"passportNumber\": \"1A\""), "1A (Numéro du contrat)", "only reads");
    }

    @Test
    void theCertificateNumberIsRequired() {
        assertRefused(mapping("Z5", true, "\"holder.familyName\": \"62\""), "must map \"certificate.id\"");
    }

    @Test
    void aRegisteredCodeCannotBeDeclaredAwaitingRegistration() {
        assertRefused(mapping("16", true, IDENTITY), "16 is registered (Attestation de demande d'asile)");
    }

    @Test
    void anUnregisteredCodeMustBeDeclaredAwaitingRegistration() {
        assertRefused(mapping("Z5", false, IDENTITY), "Z5 is not a registered type", "awaitingRegistration");
    }

    @Test
    void aRegisteredCodeLoads() {
        Path root = write(mapping("13", false, IDENTITY));
        assertThat(TypeCatalog.load(root)
                        .get("medical-visit")
                        .twoDoc()
                        .orElseThrow()
                        .documentType())
                .isEqualTo("13");
    }

    @Test
    void aNumberLongerThanItsIdentifierIsRefused() {
        // passportNumber holds 20 characters; 6Q (Numéro d'étranger) 10, and a number is never truncated.
        assertRefused(
                mapping("Z5", true, IDENTITY + ", \"passportNumber\": \"6Q\""),
                "'passportNumber' holds up to 20",
                "6Q");
    }

    @Test
    void kindsMustAgree() {
        assertRefused(mapping("Z5", true, IDENTITY + ", \"visitDate\": \"62\""), "twice");
        assertRefused(mapping("Z5", true, IDENTITY + ", \"visitDate\": \"63\""), "'visitDate' is a date but 63");
        assertRefused(mapping("Z5", true, IDENTITY + ", \"visitPlace\": \"6L\""), "'visitPlace' is text but 6L");
        assertRefused(mapping("Z5", true, IDENTITY + ", \"certificate.expires\": \"08\""), "has no validity");
        assertRefused(mapping("Z5", true, IDENTITY + ", \"nowhere\": \"63\""), "'nowhere', which is neither");
    }

    @Test
    void anIncompleteMappingIsRefused() {
        Path root = write("{\"documentType\": \"Z5\", \"perimeter\": \"01\", \"identifiers\": {" + IDENTITY + "}}");
        assertThatThrownBy(() -> TypeCatalog.load(root))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("awaitingRegistration");
    }

    private static String mapping(String code, boolean awaiting, String identifiers) {
        return "{\"documentType\": \"" + code + "\", \"perimeter\": \"01\", \"awaitingRegistration\": " + awaiting
                + ", \"identifiers\": {" + identifiers + "}}";
    }

    private void assertRefused(String twodoc, String... messageParts) {
        Path root = write(twodoc);
        assertThatThrownBy(() -> TypeCatalog.load(root))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("medical-visit")
                .hasMessageContainingAll(messageParts);
    }

    private Path write(String twodoc) {
        try {
            Path root = TemplateFolders.copy(Files.createTempDirectory(folder, "templates"));
            Path file = root.resolve("types/medical-visit/type.json");
            String json = Files.readString(file);
            int start = json.indexOf("\"twodoc\"");
            int end = json.lastIndexOf('}');
            Files.writeString(file, json.substring(0, start) + "\"twodoc\": " + twodoc + "\n}\n");
            return root;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
