package io.cachet.core;

import static java.util.Objects.requireNonNull;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * One problem in a certificate's data: the field's path ({@code holder.birthDate}, {@code beneficiaries[1].relationship})
 * and what is wrong, as a message key of {@code problems.properties} with its arguments, so that it can be said in
 * English ({@link #english()}: what {@code cachet issue}, the APIs and batch manifests write, {@code path: message})
 * and in the language of an agent's page ({@link #message(Locale)}; French in {@code problems_fr.properties}).
 *
 * <p>Arguments are written as they are, except a {@link Term} (another key, said in the same language), a
 * {@link Month} (its name) and a {@link LocalDate} (ISO 8601 in English, {@code DD/MM/YYYY} in French).
 *
 * @param path the field's path in the data
 * @param key the message's key in {@code problems.properties}
 * @param arguments the message's arguments
 */
public record FieldProblem(String path, String key, List<Object> arguments) {
    private static final String BUNDLE = "io.cachet.core.problems";
    /** The languages besides English that problems are said in ({@code problems_fr.properties}). */
    public static final List<Locale> TRANSLATIONS = List.of(Locale.FRENCH);

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu", Locale.FRENCH);

    /** A message key given as an argument: said in the language of the message around it. */
    public record Term(String key) {
        public Term {
            requireNonNull(key, "key is null");
        }
    }

    public FieldProblem {
        requireNonNull(path, "path is null");
        requireNonNull(key, "key is null");
        arguments = List.copyOf(arguments);
    }

    public static FieldProblem of(String path, String key, Object... arguments) {
        return new FieldProblem(path, key, Arrays.asList(arguments));
    }

    /** {@code path: message} in English. */
    public String english() {
        return path + ": " + message(Locale.ROOT);
    }

    /** The message alone (without the path) in {@code locale}'s language; English for a language without texts. */
    public String message(Locale locale) {
        ResourceBundle texts = texts(locale);
        Object[] said =
                arguments.stream().map(argument -> said(argument, texts)).toArray();
        return new MessageFormat(texts.getString(key), texts.getLocale()).format(said);
    }

    /** The English lines of {@code problems}, in order. */
    public static List<String> english(List<FieldProblem> problems) {
        return problems.stream().map(FieldProblem::english).toList();
    }

    private static Object said(Object argument, ResourceBundle texts) {
        boolean french = texts.getLocale().getLanguage().equals("fr");
        if (argument instanceof Term term) {
            return texts.getString(term.key());
        }
        if (argument instanceof Month month) {
            return month.getDisplayName(TextStyle.FULL, french ? Locale.FRENCH : Locale.ENGLISH);
        }
        if (argument instanceof LocalDate date) {
            return french ? FRENCH_DATE.format(date) : date.toString();
        }
        return String.valueOf(argument);
    }

    private static ResourceBundle texts(Locale locale) {
        // No fallback to the JVM's default locale: English is said in English on a French machine.
        return ResourceBundle.getBundle(
                BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
