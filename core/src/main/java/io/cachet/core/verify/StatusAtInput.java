package io.cachet.core.verify;

import io.cachet.core.CachetException;
import io.cachet.core.types.HiddenCharacters;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Reads the date a status is asked for ({@code cachet verify --status-at}, the API's {@code statusAt}, the result
 * page's date field): an ISO instant ({@code 2026-03-01T14:30:00Z}), an ISO date-time with its offset ({@code
 * 2026-03-01T14:30:00+01:00}), or a date ({@code 2026-03-01}) meaning the end of that day in France (Europe/Paris):
 * its last millisecond, 23:59:59.999, so that whatever the registry recorded that day counts. A date-time without
 * an offset is refused: its instant would depend on a time zone nobody named.
 */
public final class StatusAtInput {
    /** The time zone of a date given without a time: the issuing offices are in France. */
    public static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private static final int MAX_LENGTH = 64;

    private StatusAtInput() {}

    /**
     * The instant {@code text} names.
     *
     * @throws CachetException of kind USAGE for anything else, saying what is accepted
     */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            throw refused("an empty value");
        }
        String value = text.strip();
        if (value.length() > MAX_LENGTH) {
            throw refused("a value of " + value.length() + " characters");
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
                return day.plusDays(1).atStartOfDay(FRANCE).toInstant().minus(1, ChronoUnit.MILLIS);
            }
            if (value.endsWith("Z") || value.endsWith("z")) {
                return Instant.parse(value.toUpperCase(java.util.Locale.ROOT));
            }
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeException e) {
            throw refused("'" + HiddenCharacters.reveal(value) + "'");
        }
    }

    private static CachetException refused(String what) {
        return CachetException.usage("the status-at date must be a date (2026-03-01, the end of that day in"
                + " Europe/Paris), an instant (2026-03-01T14:30:00Z) or a date-time with its offset"
                + " (2026-03-01T14:30:00+01:00), not " + what);
    }
}
