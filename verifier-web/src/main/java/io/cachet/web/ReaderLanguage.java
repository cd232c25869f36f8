package io.cachet.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/**
 * The language an API answer is written in: the {@code lang} query parameter ({@code fr} or {@code en}), else the
 * first of French and English that {@code Accept-Language} prefers, else French.
 */
final class ReaderLanguage {
    private static final List<Locale> SUPPORTED = List.of(Locale.FRENCH, Locale.ENGLISH);

    private ReaderLanguage() {}

    static Locale of(Context ctx) {
        String lang = ctx.queryParam("lang");
        if (lang != null) {
            return switch (lang) {
                case "fr" -> Locale.FRENCH;
                case "en" -> Locale.ENGLISH;
                default -> throw new BadRequestResponse("lang must be fr or en, was '" + printable(lang) + "'");
            };
        }
        String accepted = ctx.header("Accept-Language");
        if (accepted == null || accepted.isBlank() || accepted.length() > 200) {
            return Locale.FRENCH;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(accepted), SUPPORTED);
            return best == null ? Locale.FRENCH : best;
        } catch (IllegalArgumentException e) {
            return Locale.FRENCH; // a malformed header is not worth refusing a verification for
        }
    }

    private static String printable(String text) {
        String shown = text.length() > 20 ? text.substring(0, 20) + "…" : text;
        return shown.replaceAll("[^\\p{Alnum}_-]", "?");
    }
}
