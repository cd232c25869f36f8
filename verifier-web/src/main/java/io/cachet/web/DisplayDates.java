package io.cachet.web;

import io.cachet.core.render.Formats;
import io.cachet.core.report.VerificationReport;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The report's dates written for people in the page's language ("21 juillet 1994", "26 November 2026, 14:02:11
 * UTC"). Times stay in UTC, said so, as in the JSON report; a certificate dated by the day (a 2D-Doc) has its days
 * shown as dates. Keys: checkedAt, issuedAt, expiresAt, birthDate.
 */
final class DisplayDates {
    private static final Formats PRINTED = new Formats();

    private DisplayDates() {}

    static Map<String, String> of(VerificationReport report, Locale locale) {
        DateTimeFormatter date = DateTimeFormatter.ofPattern("d MMMM yyyy", locale);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm:ss 'UTC'", locale)
                .withZone(ZoneOffset.UTC);
        Map<String, String> dates = new HashMap<>();
        dates.put("checkedAt", time.format(report.checkedAt()));
        report.certificate().ifPresent(certificate -> {
            // A 2D-Doc holds days, not times: its days are shown as dates.
            dates.put(
                    "issuedAt",
                    certificate.issuedOn().map(date::format).orElseGet(() -> time.format(certificate.issuedAt())));
            certificate
                    .expiresOn()
                    .map(date::format)
                    .or(() -> certificate.expiresAt().map(time::format))
                    .ifPresent(value -> dates.put("expiresAt", value));
            dates.put("birthDate", birthDate(certificate.birthDate(), date));
        });
        return dates;
    }

    /**
     * As the certificate prints it ({@code 21/07/1994}), then written out for a full date ({@code (21 juillet
     * 1994)}); a partial date as printed ({@code 07/1994}), an unusual one as issued.
     */
    private static String birthDate(String value, DateTimeFormatter format) {
        String printed = PRINTED.date(value);
        try {
            return printed + " (" + format.format(LocalDate.parse(value)) + ")";
        } catch (DateTimeParseException e) {
            return printed;
        }
    }
}
