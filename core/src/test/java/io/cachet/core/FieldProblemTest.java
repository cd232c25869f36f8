package io.cachet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.types.DataValidator;
import io.cachet.core.types.TypeCatalog;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The problems in a certificate's data are said in English (the CLI, the APIs, batch manifests: unchanged) and in
 * French for the agents' pages, from the same problem.
 */
class FieldProblemTest {
    private static final TypeCatalog CATALOG = TypeCatalog.load(TemplateFolders.SOURCE);

    @Test
    void everyMessageHasItsFrenchTextAndBothAreWellFormed() throws Exception {
        Properties english = load("problems.properties");
        Properties french = load("problems_fr.properties");

        assertThat(french.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        for (String key : english.stringPropertyNames()) {
            Object[] arguments = Collections.nCopies(4, "x").toArray();
            FieldProblem problem = FieldProblem.of("field", key, arguments);
            assertThat(problem.message(Locale.FRENCH))
                    .as(key)
                    .doesNotContain("{", "}")
                    .isNotEqualTo(problem.message(Locale.ENGLISH));
            assertThat(problem.english()).as(key).startsWith("field: ").doesNotContain("{", "}");
        }
    }

    @Test
    void theValidatorsProblemsAreSaidInFrenchAtTheSameFieldsAsInEnglish() throws Exception {
        ObjectNode data = (ObjectNode)
                new ObjectMapper().readTree(CATALOG.get("visa-validation").sampleJson());
        ObjectNode holder = (ObjectNode) data.get("holder");
        holder.remove("familyName");
        holder.put("birthDate", "29/02/1995");
        data.put("entryDate", "2026-10-20");
        data.put("visaCategory", "étudiant");
        data.put("cirStatus", "signé");

        CachetException refused = catchThrowableOfType(
                () -> DataValidator.validate(CATALOG.get("visa-validation"), data), CachetException.class);

        Map<String, String> french = refused.fieldProblems().stream()
                .collect(Collectors.toMap(FieldProblem::path, problem -> problem.message(Locale.FRENCH)));
        assertThat(french)
                .containsEntry("holder.familyName", "obligatoire (Nom) ; une personne qui n'a qu'un nom l'indique ici")
                .containsEntry("holder.birthDate", "« 29/02/1995 » n'existe pas : février 1995 compte 28 jours")
                .containsEntry("medicalVisitDate", "14/10/2026 est antérieure à entryDate (20/10/2026)")
                .containsEntry(
                        "cirStatus",
                        "« signé » est impossible pour un visa « étudiant » (les étudiants sont dispensés du contrat"
                                + " d'intégration républicaine)");
        assertThat(refused.problems())
                .as("the English lines are those of the same problems")
                .isEqualTo(FieldProblem.english(refused.fieldProblems()))
                .contains(
                        "holder.birthDate: '29/02/1995' does not exist: February 1995 has 28 days",
                        "medicalVisitDate: 2026-10-14 is before entryDate (2026-10-20)",
                        "cirStatus: 'signé' is impossible for a 'étudiant' visa (students are exempt from the"
                                + " Republican Integration Contract)");
    }

    @Test
    void anotherLanguageIsSaidInEnglishWhateverTheMachinesLanguage() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.FRENCH);
        try {
            FieldProblem problem = FieldProblem.of("visaNumber", "tooLong", 20);
            assertThat(problem.message(Locale.GERMAN)).isEqualTo("longer than 20 characters");
            assertThat(problem.english()).isEqualTo("visaNumber: longer than 20 characters");
            assertThat(problem.message(Locale.FRANCE)).isEqualTo("plus de 20 caractères");
        } finally {
            Locale.setDefault(before);
        }
    }

    private static Properties load(String name) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = FieldProblem.class.getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
