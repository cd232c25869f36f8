package io.cachet.core.types;

import io.cachet.core.FieldProblem;
import java.time.Month;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as offices type them, put in the one form that is sealed and recorded: ISO 8601. A full date is
 * {@code YYYY-MM-DD} or, as French spreadsheets write it, {@code DD/MM/YYYY} (one-digit day or month accepted). A
 * birth date may also be partial, as identity documents print it when the day or month is unknown (ICAO 9303):
 * {@code YYYY} or {@code YYYY-MM}, typed also as {@code MM/YYYY}, {@code 00/MM/YYYY} or {@code 00/00/YYYY}. A date
 * that does not exist (31/02/1990, month 13) is refused with what is wrong with it.
 */
public final class DateInput {
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern FRENCH = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern ISO_MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern FRENCH_MONTH = Pattern.compile("(\\d{1,2})/(\\d{4})");

    /** A date read, or why it cannot be. */
    public sealed interface Outcome permits Accepted, Refused {}

    /** @param iso the date in ISO 8601: {@code YYYY-MM-DD}, or {@code YYYY-MM} / {@code YYYY} for a partial one */
    public record Accepted(String iso) implements Outcome {}

    /**
     * @param key what is wrong, a key of {@code problems.properties} ({@link FieldProblem})
     * @param arguments the key's arguments, the value first
     */
    public record Refused(String key, List<Object> arguments) implements Outcome {
        public Refused {
            arguments = List.copyOf(arguments);
        }

        /** The problem at a field. */
        public FieldProblem at(String path) {
            return new FieldProblem(path, key, arguments);
        }

        /** What is wrong, in English, quoting the value. */
        public String problem() {
            return at("").message(Locale.ROOT);
        }
    }

    private DateInput() {}

    /** A full date, {@code YYYY-MM-DD} or {@code DD/MM/YYYY}. */
    public static Outcome date(String text) {
        Matcher iso = ISO.matcher(text);
        if (iso.matches()) {
            return day(text, iso.group(1), iso.group(2), iso.group(3));
        }
        Matcher french = FRENCH.matcher(text);
        if (french.matches()) {
            return day(text, french.group(3), french.group(2), french.group(1));
        }
        return new Refused("date.notADate", List.of(text));
    }

    /** A birth date: a full date, or a partial one ({@code YYYY}, {@code YYYY-MM}, {@code MM/YYYY}, …). */
    public static Outcome birthDate(String text) {
        Matcher french = FRENCH.matcher(text);
        if (french.matches() && Integer.parseInt(french.group(1)) == 0) {
            // 00/MM/YYYY, 00/00/YYYY: the French administrative spelling of an unknown day (and month).
            return Integer.parseInt(french.group(2)) == 0
                    ? new Accepted(french.group(3))
                    : month(text, french.group(3), french.group(2));
        }
        if (YEAR.matcher(text).matches()) {
            return new Accepted(text);
        }
        Matcher isoMonth = ISO_MONTH.matcher(text);
        if (isoMonth.matches()) {
            return month(text, isoMonth.group(1), isoMonth.group(2));
        }
        Matcher frenchMonth = FRENCH_MONTH.matcher(text);
        if (frenchMonth.matches()) {
            return month(text, frenchMonth.group(2), frenchMonth.group(1));
        }
        Outcome full = date(text);
        return full instanceof Refused refused && refused.key().equals("date.notADate")
                ? new Refused("birthDate.notADate", refused.arguments())
                : full;
    }

    /** True for an ISO date with its day: {@code YYYY-MM-DD}, as opposed to a partial birth date. */
    static boolean isFull(String iso) {
        return iso.length() == 10;
    }

    private static Outcome day(String text, String year, String month, String day) {
        Outcome yearMonth = month(text, year, month);
        if (yearMonth instanceof Refused) {
            return yearMonth;
        }
        YearMonth known = YearMonth.of(Integer.parseInt(year), Integer.parseInt(month));
        int dayOfMonth = Integer.parseInt(day);
        if (dayOfMonth < 1 || dayOfMonth > known.lengthOfMonth()) {
            return new Refused("date.noSuchDay", List.of(text, known.getMonth(), year, known.lengthOfMonth()));
        }
        return new Accepted(known.atDay(dayOfMonth).toString());
    }

    private static Outcome month(String text, String year, String month) {
        int number = Integer.parseInt(month);
        if (number < 1 || number > 12) {
            return new Refused("date.noSuchMonth", List.of(text, number));
        }
        return new Accepted(
                YearMonth.of(Integer.parseInt(year), Month.of(number)).toString());
    }
}
