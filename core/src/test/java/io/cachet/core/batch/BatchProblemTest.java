package io.cachet.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.FieldProblem;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bad row's problem: in English for manifests and APIs, and in an agent's language for the pages. */
class BatchProblemTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aProblemOfTheDataIsSaidInEnglishAndInFrench() {
        BatchProblem problem =
                BatchProblem.of(3, FieldProblem.of("holder.birthDate", "birthDate.notADate", "not a date"));

        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.field()).isEqualTo("holder.birthDate");
        assertThat(problem.problem()).startsWith("'not a date' is not a date");
        assertThat(problem.problem(Locale.ENGLISH)).isEqualTo(problem.problem());
        assertThat(problem.problem(Locale.FRENCH)).startsWith("« not a date » n'est pas une date");
        assertThat(problem.toString()).isEqualTo("line 3: holder.birthDate: " + problem.problem());
    }

    @Test
    void aProblemOfTheFileItselfIsSaidInEnglishInEveryLanguage() {
        BatchProblem problem = new BatchProblem(1, "-", "no header row: the first row names the fields");

        assertThat(problem.problem(Locale.FRENCH)).isEqualTo(problem.problem());
    }

    @Test
    void aSavedProblemReadsBackAndOneSavedBeforeTranslationsHasNone() throws Exception {
        BatchProblem problem = BatchProblem.of(2, FieldProblem.of("holder.birthDate", "birthDate.notADate", "x"));

        assertThat(JSON.readValue(JSON.writeValueAsBytes(problem), BatchProblem.class))
                .isEqualTo(problem);
        BatchProblem old = JSON.readValue(
                "{\"line\": 2, \"field\": \"ref\", \"problem\": \"ref 'a' appears twice\"}", BatchProblem.class);
        assertThat(old.translated()).isEqualTo(Map.of());
        assertThat(old.problem(Locale.FRENCH)).isEqualTo("ref 'a' appears twice");
    }
}
