package io.cachet.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import io.cachet.core.TemplateFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeCatalog CATALOG = TypeCatalog.load(TemplateFolders.SOURCE);

    static ObjectNode sample(String type) throws Exception {
        return (ObjectNode) JSON.readTree(CATALOG.get(type).sampleJson());
    }

    static List<String> problems(String type, JsonNode data) {
        try {
            DataValidator.validate(CATALOG.get(type), data);
        } catch (CachetException e) {
            assertThat(e.kind()).isEqualTo(CachetException.Kind.INVALID_INPUT);
            return e.problems();
        }
        return List.of();
    }

    @Test
    void everySampleIsValid() throws Exception {
        for (CertificateType type : CATALOG.types()) {
            assertThat(problems(type.id(), sample(type.id()))).as(type.id()).isEmpty();
        }
    }

    @Test
    void everyProblemInAListIsReportedAtOnceWithItsIndexedPath() throws Exception {
        ObjectNode data = sample("family-reunification-deposit");
        ArrayNode beneficiaries = (ArrayNode) data.get("beneficiaries");
        ((ObjectNode) beneficiaries.get(0)).put("colour", "blue");
        ((ObjectNode) beneficiaries.get(1)).put("birthDate", "31/06/2014");
        ((ObjectNode) beneficiaries.get(2)).remove("givenNames");
        ((ObjectNode) beneficiaries.get(2)).put("relationship", "cousin");
        beneficiaries.add("not an object");
        data.remove("fileNumber");

        assertThat(problems("family-reunification-deposit", data))
                .containsExactlyInAnyOrder(
                        "fileNumber: required (Numéro de dossier)",
                        "beneficiaries[0].colour: unknown field in beneficiaries",
                        "beneficiaries[1].birthDate: '31/06/2014' does not exist: June 2014 has 30 days",
                        "beneficiaries[2].givenNames: required (Prénoms)",
                        "beneficiaries[2].relationship: 'cousin' is not one of [conjoint, enfant]",
                        "beneficiaries[3]: expected an object, found string");
    }

    @Test
    void aRequiredListMustHoldItemsAndBeAList() throws Exception {
        ObjectNode empty = sample("family-reunification-deposit");
        empty.putArray("beneficiaries");
        ObjectNode notAList = sample("family-reunification-deposit");
        notAList.put("beneficiaries", "Samira, Yanis");
        ObjectNode absent = sample("family-reunification-deposit");
        absent.remove("beneficiaries");

        assertThat(problems("family-reunification-deposit", empty))
                .singleElement()
                .asString()
                .startsWith("beneficiaries: at least 1 item(s) required");
        assertThat(problems("family-reunification-deposit", notAList))
                .containsExactly("beneficiaries: expected a list, found string");
        assertThat(problems("family-reunification-deposit", absent))
                .singleElement()
                .asString()
                .startsWith("beneficiaries: required");
    }

    @Test
    void listItemsReachTemplatesAsAListOfMapsAndAnAbsentListAsAnEmptyOne() throws Exception {
        ValidatedData family = DataValidator.validate(
                CATALOG.get("family-reunification-deposit"), sample("family-reunification-deposit"));
        ObjectNode alone = sample("asylum-reception");
        alone.remove("householdMembers");
        ValidatedData asylum = DataValidator.validate(CATALOG.get("asylum-reception"), alone);

        assertThat(family.model().get("beneficiaries"))
                .asList()
                .hasSize(3)
                .first()
                .isEqualTo(Map.of(
                        "relationship", "conjoint",
                        "familyName", "BENALI",
                        "givenNames", "Samira",
                        "birthDate", "1988-04-17",
                        "nationality", "algérienne"));
        assertThat(asylum.model().get("householdMembers")).asList().isEmpty();
    }

    @Test
    void timesAreTwentyFourHourHoursAndMinutes() throws Exception {
        ObjectNode data = sample("appointment");
        data.put("appointmentTime", "9h30");

        assertThat(problems("appointment", data))
                .containsExactly("appointmentTime: '9h30' is not a time in the form HH:MM (24-hour)");
    }

    @Test
    void aRuleDoesNotRepeatAProblemTheFieldCheckAlreadyReported() throws Exception {
        ObjectNode data = sample("visa-validation");
        data.remove("medicalVisitDate");

        assertThat(problems("visa-validation", data))
                .containsExactly("medicalVisitDate: required (Date de la visite médicale)");
    }

    @Test
    void fieldAndRuleProblemsComeTogether() throws Exception {
        ObjectNode data = sample("cir");
        data.put("residenceCategory", "étudiant");
        data.put("signatureDate", "2026/09/15");

        assertThat(problems("cir", data))
                .hasSize(2)
                .anyMatch(problem -> problem.startsWith("signatureDate: '2026/09/15' is not a date"))
                .anyMatch(problem -> problem.contains("students are exempt"));
    }

    @Test
    void anUnknownRuleInTypeJsonIsAConfigurationErrorNamingTheFile(@TempDir Path folder) throws Exception {
        Path root = TemplateFolders.copy(folder);
        Path descriptor = root.resolve("types/cir/type.json");
        Files.writeString(descriptor, Files.readString(descriptor).replace("\"cir-exemption\"", "\"cir-exemptoin\""));

        assertThatThrownBy(() -> TypeCatalog.load(root))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.CONFIGURATION))
                .hasMessageContaining(descriptor.toString())
                .hasMessageContaining("unknown rule 'cir-exemptoin'")
                .hasMessageContaining("cir-exemption");
    }

    @Test
    void aRuleNamedByATypeWithoutItsFieldsIsAConfigurationError(@TempDir Path folder) throws Exception {
        Path root = TemplateFolders.copy(folder);
        Path descriptor = root.resolve("types/medical-visit/type.json");
        Files.writeString(
                descriptor, Files.readString(descriptor).replace("\n}", ",\n  \"rules\": [\"cir-exemption\"]\n}"));

        assertThatThrownBy(() -> TypeCatalog.load(root))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining(descriptor.toString())
                .hasMessageContaining("residenceCategory");
    }

    @Test
    void theMedicalVisitCertificateHoldsNoMedicalDetail() {
        CertificateType type = CATALOG.get("medical-visit");
        List<String> words = List.of(
                "diagnos",
                "patholog",
                "maladie",
                "traitement",
                "vaccin",
                "radio",
                "tubercul",
                "aptitude",
                "apte",
                "résultat",
                "santé",
                "health",
                "disease",
                "result");

        assertThat(type.fields())
                .allSatisfy(field -> assertThat((field.name() + " " + field.label()).toLowerCase())
                        .doesNotContain(words.toArray(String[]::new)));
        assertThat(type.sampleJson().toLowerCase()).doesNotContain(words.toArray(String[]::new));
    }

    @Test
    void bidiOverridesAndZeroWidthCharactersInNamesAreRefusedWithTheField() throws Exception {
        ObjectNode data = sample("visa-validation");
        ((ObjectNode) data.get("holder")).put("familyName", "\u202ETNOPUD");
        ((ObjectNode) data.get("holder")).put("givenNames", "Jean\u200BPierre");

        assertThat(problems("visa-validation", data))
                .containsExactlyInAnyOrder(
                        "holder.familyName: contains an invisible, control or direction-changing character, U+202E"
                                + " RIGHT-TO-LEFT OVERRIDE at character 1: remove it (a page would show other text than"
                                + " the data hold)",
                        "holder.givenNames: contains an invisible, control or direction-changing character, U+200B"
                                + " ZERO WIDTH SPACE at character 5: remove it (a page would show other text than the"
                                + " data hold)");
    }

    @Test
    void everyFormatAndControlCharacterIsRefusedInText() throws Exception {
        int[] hidden = {
            0x0000, 0x0007, 0x001B, 0x007F, 0x0085, 0x00AD, 0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028,
            0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF, 0xE000,
            0xFFF9
        };
        for (int codePoint : hidden) {
            ObjectNode data = sample("visa-validation");
            ((ObjectNode) data.get("holder")).put("familyName", "DU" + Character.toString(codePoint) + "PONT");

            assertThat(problems("visa-validation", data))
                    .as("U+%04X", codePoint)
                    .singleElement()
                    .asString()
                    .startsWith("holder.familyName: contains an invisible, control or direction-changing character");
        }
    }

    @Test
    void namesInOtherScriptsAndWithAccentsStayAccepted() throws Exception {
        ObjectNode data = sample("visa-validation");
        ((ObjectNode) data.get("holder")).put("familyName", "العمراني");
        ((ObjectNode) data.get("holder")).put("givenNames", "Zoë Łucja 李");

        assertThat(problems("visa-validation", data)).isEmpty();
    }

    @Test
    void namesAreSealedInNormalizationFormC() throws Exception {
        ObjectNode data = sample("visa-validation");
        // "Hélène" typed with combining accents (NFD): e + U+0301.
        ((ObjectNode) data.get("holder")).put("givenNames", "He\u0301le\u0300ne");

        ValidatedData validated = DataValidator.validate(CATALOG.get("visa-validation"), data);

        assertThat(validated.holder().givenNames())
                .isEqualTo("H\u00E9l\u00E8ne")
                .hasSize(6);
    }

    @Test
    void datesTypedTheFrenchWayAreAcceptedAndKeptInIso() throws Exception {
        ObjectNode data = sample("visa-validation");
        ((ObjectNode) data.get("holder")).put("birthDate", "21/07/1994");
        data.put("entryDate", "2/9/2026");
        data.put("medicalVisitDate", "14/10/2026");

        ValidatedData validated = DataValidator.validate(CATALOG.get("visa-validation"), data);

        assertThat(validated.holder().birthDate()).isEqualTo("1994-07-21");
        assertThat(validated.values())
                .containsEntry("entryDate", "2026-09-02")
                .containsEntry("medicalVisitDate", "2026-10-14");
    }

    @Test
    void datesInListItemsAreAlsoAcceptedTheFrenchWayAndKeptInIso() throws Exception {
        ObjectNode data = sample("family-reunification-deposit");
        ((ObjectNode) data.withArray("beneficiaries").get(1)).put("birthDate", "09/06/2014");

        ValidatedData validated = DataValidator.validate(CATALOG.get("family-reunification-deposit"), data);

        assertThat(validated.fields().list("beneficiaries").get(1)).containsEntry("birthDate", "2014-06-09");
    }

    @Test
    void aDateThatDoesNotExistIsRefusedWithWhatIsWrongWithIt() throws Exception {
        ObjectNode data = sample("visa-validation");
        ((ObjectNode) data.get("holder")).put("birthDate", "31/02/1990");
        data.put("entryDate", "2026-13-01");
        data.put("medicalVisitDate", "2026-02-29");

        assertThat(problems("visa-validation", data))
                .contains(
                        "holder.birthDate: '31/02/1990' does not exist: February 1990 has 28 days",
                        "entryDate: '2026-13-01' does not exist: there is no month 13",
                        "medicalVisitDate: '2026-02-29' does not exist: February 2026 has 28 days");
    }

    @Test
    void theTwentyNinthOfFebruaryOfALeapYearExists() throws Exception {
        ObjectNode data = sample("visa-validation");
        ((ObjectNode) data.get("holder")).put("birthDate", "29/02/1992");

        assertThat(problems("visa-validation", data)).isEmpty();
    }

    @Test
    void aBirthDateKnownOnlyByItsYearOrMonthIsKeptAsKnown() throws Exception {
        Map<String, String> typedToSealed = Map.of(
                "1990", "1990",
                "1990-03", "1990-03",
                "03/1990", "1990-03",
                "3/1990", "1990-03",
                "00/03/1990", "1990-03",
                "00/00/1990", "1990");
        for (Map.Entry<String, String> typed : typedToSealed.entrySet()) {
            ObjectNode data = sample("visa-validation");
            ((ObjectNode) data.get("holder")).put("birthDate", typed.getKey());

            ValidatedData validated = DataValidator.validate(CATALOG.get("visa-validation"), data);

            assertThat(validated.holder().birthDate()).as(typed.getKey()).isEqualTo(typed.getValue());
        }
    }

    @Test
    void aPartialBirthDateWithAnImpossibleMonthIsRefused() throws Exception {
        ObjectNode data = sample("visa-validation");
        ((ObjectNode) data.get("holder")).put("birthDate", "13/1990");

        assertThat(problems("visa-validation", data))
                .containsExactly("holder.birthDate: '13/1990' does not exist: there is no month 13");
    }

    @Test
    void onlyTheHoldersBirthDateMayBePartial() throws Exception {
        ObjectNode data = sample("family-reunification-deposit");
        data.put("filingDate", "2026");
        ((ObjectNode) data.withArray("beneficiaries").get(0)).put("birthDate", "2014");

        assertThat(problems("family-reunification-deposit", data))
                .contains(
                        "filingDate: '2026' is not a date in the form YYYY-MM-DD or DD/MM/YYYY",
                        "beneficiaries[0].birthDate: '2014' is not a date in the form YYYY-MM-DD or DD/MM/YYYY");
    }

    @Test
    void aHolderWithASingleNameIsAcceptedWithNoGivenNames() throws Exception {
        ObjectNode data = sample("visa-validation");
        ((ObjectNode) data.get("holder")).remove("givenNames");

        ValidatedData validated = DataValidator.validate(CATALOG.get("visa-validation"), data);

        assertThat(validated.holder().familyName()).isEqualTo("EL AMRANI");
        assertThat(validated.holder().givenNames()).isEmpty();
        assertThat(validated.holder().fullName()).isEqualTo("EL AMRANI");
        @SuppressWarnings("unchecked")
        Map<String, Object> holder = (Map<String, Object>) validated.model().get("holder");
        assertThat(holder).as("what templates see: no null").containsEntry("givenNames", "");
    }

    @Test
    void aSingleNameGoesInTheFamilyName() throws Exception {
        ObjectNode data = sample("visa-validation");
        ((ObjectNode) data.get("holder")).remove("familyName");

        assertThat(problems("visa-validation", data))
                .containsExactly("holder.familyName: required (Nom); a holder with a single name gives it here");
    }

    @Test
    void aTypeMayStillRequireGivenNames() throws Exception {
        CertificateType visa = CATALOG.get("visa-validation");
        List<FieldSpec> fields = visa.fields().stream()
                .map(field -> field.name().equals(DataValidator.GIVEN_NAMES)
                        ? new FieldSpec(
                                field.name(), field.label(), field.kind(), true, 80, null, null, null, null, null)
                        : field)
                .toList();
        CertificateType strict = new CertificateType(
                visa.id(),
                visa.title(),
                visa.validity(),
                fields,
                visa.dateOrder(),
                visa.rules(),
                visa.template(),
                visa.messages(),
                visa.sampleJson(),
                visa.twoDoc());
        ObjectNode data = sample("visa-validation");
        ((ObjectNode) data.get("holder")).remove("givenNames");

        assertThatThrownBy(() -> DataValidator.validate(strict, data))
                .isInstanceOfSatisfying(
                        CachetException.class,
                        e -> assertThat(e.problems()).containsExactly("holder.givenNames: required (Prénoms)"));
    }
}
