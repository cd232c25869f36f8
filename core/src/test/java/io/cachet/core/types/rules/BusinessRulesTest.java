package io.cachet.core.types.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.FieldProblem;
import io.cachet.core.types.FieldValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BusinessRulesTest {
    static FieldValues values(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return new FieldValues(map, Map.of());
    }

    static List<String> check(String rule, FieldValues data) {
        return FieldProblem.english(BusinessRules.find(rule).orElseThrow().check(data));
    }

    @Test
    void everyRuleIsRegisteredUnderItsOwnNameAndReadsDeclaredFields() {
        assertThat(BusinessRules.names())
                .containsExactly(
                        "cir-exemption",
                        "family-beneficiaries",
                        "reception-conditions",
                        "visa-cir-status",
                        "visa-medical-visit");
        for (String name : BusinessRules.names()) {
            BusinessRule rule = BusinessRules.find(name).orElseThrow();
            assertThat(rule.name()).isEqualTo(name);
            assertThat(rule.fields()).isNotEmpty();
            assertThat(rule.description()).isNotBlank();
        }
        assertThat(BusinessRules.find("no-such-rule")).isEmpty();
    }

    @Nested
    class VisaMedicalVisit {
        @Test
        void datesInOrderPass() {
            assertThat(check(
                            "visa-medical-visit",
                            values(
                                    "entryDate", "2026-09-02",
                                    "medicalVisitDate", "2026-10-14",
                                    "validationDate", "2026-10-14")))
                    .isEmpty();
        }

        @Test
        void withoutMedicalVisitTheVisaIsRefused() {
            assertThat(check("visa-medical-visit", values("entryDate", "2026-09-02", "validationDate", "2026-10-14")))
                    .singleElement()
                    .asString()
                    .startsWith("medicalVisitDate: required")
                    .contains("medical visit");
        }

        @Test
        void validationBeforeMedicalVisitIsRefused() {
            assertThat(check(
                            "visa-medical-visit",
                            values(
                                    "entryDate", "2026-09-02",
                                    "medicalVisitDate", "2026-10-14",
                                    "validationDate", "2026-10-13")))
                    .containsExactly("validationDate: 2026-10-13 is before medicalVisitDate (2026-10-14)");
        }

        @Test
        void medicalVisitBeforeEntryIsRefused() {
            assertThat(check(
                            "visa-medical-visit",
                            values(
                                    "entryDate", "2026-09-02",
                                    "medicalVisitDate", "2026-08-30",
                                    "validationDate", "2026-10-14")))
                    .containsExactly("medicalVisitDate: 2026-08-30 is before entryDate (2026-09-02)");
        }
    }

    @Nested
    class CirExemption {
        @ParameterizedTest
        @CsvSource({
            "étudiant, students are exempt",
            "travailleur saisonnier, seasonal workers are exempt",
            "travailleur temporaire, temporary workers are exempt",
            "passeport talent, \"talent\" card holders are exempt",
            "certificat de résidence algérien, holders of an Algerian residence certificate are exempt"
        })
        void exemptCategoriesAreRefusedNamingTheExemption(String category, String exemption) {
            assertThat(check("cir-exemption", values("residenceCategory", category)))
                    .singleElement()
                    .asString()
                    .startsWith("residenceCategory: '" + category + "' is exempt")
                    .contains(exemption);
        }

        @ParameterizedTest
        @ValueSource(strings = {"salarié", "activité commerciale", "conjoint de Français", "vie privée et familiale"})
        void categoriesThatMustSignPass(String category) {
            assertThat(check("cir-exemption", values("residenceCategory", category)))
                    .isEmpty();
        }
    }

    @Nested
    class VisaCirStatus {
        @Test
        void anEmployeeWhoSignedPasses() {
            assertThat(check("visa-cir-status", values("visaCategory", "salarié", "cirStatus", "signé")))
                    .isEmpty();
        }

        @Test
        void anEmployeeMustSign() {
            assertThat(check(
                            "visa-cir-status",
                            values("visaCategory", "salarié", "cirStatus", "dispensé", "cirExemptionReason", "x")))
                    .singleElement()
                    .asString()
                    .startsWith("cirStatus: a 'salarié' visa requires signing");
        }

        @Test
        void anExemptionNeedsItsReason() {
            assertThat(check("visa-cir-status", values("visaCategory", "visiteur", "cirStatus", "dispensé")))
                    .singleElement()
                    .asString()
                    .startsWith("cirExemptionReason: required");
        }

        @Test
        void aStudentCannotHaveSignedAndTheErrorNamesTheExemption() {
            assertThat(check("visa-cir-status", values("visaCategory", "étudiant", "cirStatus", "signé")))
                    .singleElement()
                    .asString()
                    .startsWith("cirStatus: 'signé' is impossible")
                    .contains("students are exempt");
        }
    }

    @Nested
    class FamilyBeneficiaries {
        static FieldValues family(List<Map<String, String>> beneficiaries) {
            return new FieldValues(Map.of("filingDate", "2026-10-03"), Map.of("beneficiaries", beneficiaries));
        }

        @Test
        void aSpouseAndMinorChildrenPass() {
            assertThat(check(
                            "family-beneficiaries",
                            family(List.of(
                                    Map.of("relationship", "conjoint", "birthDate", "1988-04-17"),
                                    Map.of("relationship", "enfant", "birthDate", "2008-10-04")))))
                    .isEmpty();
        }

        @Test
        void aChildOf18OnTheFilingDateIsRefusedWithItsIndexedPath() {
            assertThat(check(
                            "family-beneficiaries",
                            family(List.of(
                                    Map.of("relationship", "conjoint", "birthDate", "1988-04-17"),
                                    Map.of("relationship", "enfant", "birthDate", "2008-10-03")))))
                    .singleElement()
                    .asString()
                    .startsWith("beneficiaries[1].birthDate: a child must be under 18");
        }

        @Test
        void aSecondSpouseAndABirthAfterFilingAreBothReported() {
            assertThat(check(
                            "family-beneficiaries",
                            family(List.of(
                                    Map.of("relationship", "conjoint", "birthDate", "1988-04-17"),
                                    Map.of("relationship", "conjoint", "birthDate", "1990-01-01"),
                                    Map.of("relationship", "enfant", "birthDate", "2027-01-01")))))
                    .containsExactly(
                            "beneficiaries[1].relationship: only one spouse can be a beneficiary",
                            "beneficiaries[2].birthDate: 2027-01-01 is after the filing date (2026-10-03)");
        }
    }

    @Nested
    class ReceptionConditions {
        @Test
        void acceptedConditionsWithAccommodationAndPlacePass() {
            assertThat(check(
                            "reception-conditions",
                            values(
                                    "receptionConditionsAccepted", "oui",
                                    "allowanceEntitlement", "oui",
                                    "accommodationOffered", "oui",
                                    "accommodationPlace", "CADA de Créteil")))
                    .isEmpty();
        }

        @Test
        void refusedConditionsGiveNeitherAllowanceNorAccommodation() {
            assertThat(check(
                            "reception-conditions",
                            values(
                                    "receptionConditionsAccepted", "non",
                                    "allowanceEntitlement", "oui",
                                    "accommodationOffered", "oui",
                                    "accommodationPlace", "CADA de Créteil")))
                    .extracting(problem -> problem.substring(0, problem.indexOf(':')))
                    .containsExactly("allowanceEntitlement", "accommodationOffered");
        }

        @Test
        void offeredAccommodationNeedsAPlace() {
            assertThat(check(
                            "reception-conditions",
                            values(
                                    "receptionConditionsAccepted", "oui",
                                    "allowanceEntitlement", "oui",
                                    "accommodationOffered", "oui")))
                    .singleElement()
                    .asString()
                    .startsWith("accommodationPlace: required");
        }
    }
}
