package io.cachet.core.report;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Status facts in words, in the reader's language ({@link ReportTexts}): the status and one sentence per deciding
 * event, saying when, why (the reason recorded with it) and, for a replaced certificate, by which one. Used by the
 * report PDF and the web verifier's result page.
 */
public final class StatusSentences {
    private StatusSentences() {}

    /** The status in words: "révoqué", "suspended"… */
    public static String status(StatusFacts facts, ReportTexts texts) {
        return texts.text("status." + facts.status().name());
    }

    /** One sentence per deciding event, oldest first, times written by {@code time}. */
    public static List<String> events(StatusFacts facts, ReportTexts texts, Function<Instant, String> time) {
        return facts.events().stream()
                .map(event -> sentence(event, texts, time))
                .toList();
    }

    private static String sentence(StatusFacts.Event event, ReportTexts texts, Function<Instant, String> time) {
        String key = "event." + event.kind()
                + (event.kind().equals("ISSUED") && event.related().isPresent() ? ".related" : "");
        String what =
                fill(texts.text(key), time.apply(event.at()), event.related().orElse("?"));
        if (event.kind().equals("ISSUED")) {
            return what;
        }
        String why = event.reason()
                .map(reason -> fill(texts.text("event.reason"), reason, ""))
                .orElse(texts.text("event.noReason"));
        return what + ", " + why;
    }

    /** {0} and {1} replaced once each, literally (no MessageFormat: French apostrophes and the reason stay as is). */
    private static String fill(String pattern, String first, String second) {
        int at = pattern.indexOf("{0}");
        String filled = at < 0 ? pattern : pattern.substring(0, at) + first + pattern.substring(at + 3);
        int second1 = filled.indexOf("{1}", at < 0 ? 0 : at + first.length());
        return second1 < 0 ? filled : filled.substring(0, second1) + second + filled.substring(second1 + 3);
    }
}
