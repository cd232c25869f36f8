package io.cachet.web;

import io.cachet.core.report.ReportTexts;
import io.cachet.core.report.StatusFacts;
import io.cachet.core.report.StatusSentences;
import io.cachet.core.report.VerificationReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The status-at date and the registry's status facts as the result page shows them, in the page's language: the
 * date asked, the status, and one sentence per deciding event (when, why, by which certificate). Times in UTC, said
 * so, as elsewhere on the page.
 *
 * @param statusAt the date asked, written out; empty for the present
 * @param status the status in words; empty when the registry gave no facts
 * @param events the deciding events in words, oldest first
 */
record StatusView(Optional<String> statusAt, Optional<String> status, List<String> events) {
    static StatusView of(VerificationReport report, Locale locale) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm:ss 'UTC'", locale)
                .withZone(ZoneOffset.UTC);
        ReportTexts texts = ReportTexts.of(locale);
        Optional<StatusFacts> facts = report.status();
        return new StatusView(
                report.statusAt().map(time::format),
                facts.map(f -> StatusSentences.status(f, texts)),
                facts.map(f -> StatusSentences.events(f, texts, (Instant at) -> time.format(at)))
                        .orElse(List.of()));
    }

    /** True when the page has something to say of the status's date or history. */
    public boolean shown() {
        return statusAt.isPresent() || status.isPresent();
    }
}
