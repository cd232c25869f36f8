package io.cachet.cli;

import io.cachet.core.CachetException;
import java.util.Locale;

/** The document languages Cachet renders. */
final class Languages {
    private Languages() {}

    static Locale parse(String lang) {
        return switch (lang) {
            case "fr" -> Locale.FRENCH;
            case "en" -> Locale.ENGLISH;
            default -> throw CachetException.usage("unknown language '" + lang + "': use fr or en");
        };
    }
}
