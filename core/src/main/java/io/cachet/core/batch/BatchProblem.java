package io.cachet.core.batch;

import static java.util.Objects.requireNonNull;

import io.cachet.core.FieldProblem;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A problem with one row of a batch input: where, which field (or {@code -}), and what is wrong.
 *
 * @param problem what is wrong, in English (what manifests, the CLI and the API say)
 * @param translated the same problem in other languages, by language code ({@code fr}), where it is a problem of the
 *     data that {@link FieldProblem} says in that language; empty for a problem of the file itself (its syntax, a
 *     duplicate row), which is said in English only
 */
public record BatchProblem(int line, String field, String problem, Map<String, String> translated) {
    public BatchProblem(int line, String field, String problem) {
        this(line, field, problem, Map.of());
    }

    public BatchProblem {
        requireNonNull(field, "field is null");
        requireNonNull(problem, "problem is null");
        // A batch saved before problems were translated has none.
        translated = translated == null ? Map.of() : Map.copyOf(translated);
    }

    /** A problem of the data in row {@code line}, in English and in every language {@link FieldProblem} speaks. */
    public static BatchProblem of(int line, FieldProblem data) {
        Map<String, String> translated = new LinkedHashMap<>();
        for (Locale language : FieldProblem.TRANSLATIONS) {
            translated.put(language.getLanguage(), data.message(language));
        }
        return new BatchProblem(line, data.path(), data.message(Locale.ROOT), translated);
    }

    /** What is wrong in {@code locale}'s language where the problem was translated, else in English. */
    public String problem(Locale locale) {
        return translated.getOrDefault(locale.getLanguage(), problem);
    }

    @Override
    public String toString() {
        return "line " + line + ": " + field + ": " + problem;
    }
}
