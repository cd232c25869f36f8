package io.cachet.core.render;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Formatting helpers that templates call as {@code ${fmt.date(...)}}: French conventions, Paris time. */
public final class Formats {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MM/yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    /**
     * {@code 2026-03-01} → {@code 01/03/2026}; a partial birth date as it is known: {@code 1990-03} →
     * {@code 03/1990}, {@code 1990} → {@code 1990} (never a made-up day); anything else is returned unchanged.
     */
    public String date(String isoDate) {
        if (isoDate == null) {
            return "";
        }
        try {
            return switch (isoDate.length()) {
                case 10 -> DATE.format(LocalDate.parse(isoDate));
                case 7 -> MONTH.format(YearMonth.parse(isoDate));
                default -> isoDate;
            };
        } catch (DateTimeParseException e) {
            return isoDate;
        }
    }

    public String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(PARIS));
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(PARIS));
    }
}
