package io.cachet.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * The words of a verification report for people, in French (the default) or English: labels, verdicts, outcomes,
 * a name for every check and a sentence for every reason code. Check details stay technical, in English.
 */
public final class ReportTexts {
    private static final ReportTexts FRENCH = new ReportTexts(load("texts.properties"), false);
    private static final ReportTexts ENGLISH = new ReportTexts(load("texts_en.properties"), true);

    private final Properties texts;
    private final boolean english;

    private ReportTexts(Properties texts, boolean english) {
        this.texts = texts;
        this.english = english;
    }

    /** English for an English locale, French otherwise. */
    public static ReportTexts of(Locale locale) {
        return "en".equals(locale.getLanguage()) ? ENGLISH : FRENCH;
    }

    public Locale locale() {
        return english ? Locale.ENGLISH : Locale.FRENCH;
    }

    /** The text for {@code key}; a missing key is a bug in the bundled texts. */
    public String text(String key) {
        String text = texts.getProperty(key);
        if (text == null) {
            throw new IllegalStateException("no " + locale().getLanguage() + " report text '" + key + "'");
        }
        return text;
    }

    public String verdict(Verdict verdict) {
        return text("verdict." + verdict.name());
    }

    public String outcome(Check.Outcome outcome) {
        return text("outcome." + outcome.name());
    }

    /** What the check named {@code name} is, in words; the name itself for a check without a text. */
    public String check(String name) {
        return texts.getProperty("check." + name, name);
    }

    /** The label of a check. */
    public String check(CheckName check) {
        return texts.getProperty(check.textKey(), check.wireName());
    }

    /** The sentence for a reason code (in English, the code's own description). */
    public String reason(ReasonCode reason) {
        return english ? reason.description() : texts.getProperty("reason." + reason.name(), reason.description());
    }

    /** True when {@code key} has a text (for tests of the bundles). */
    public boolean has(String key) {
        return texts.containsKey(key);
    }

    private static Properties load(String file) {
        Properties properties = new Properties();
        try (InputStream in = ReportTexts.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("the report texts " + file + " are missing from the class path");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
