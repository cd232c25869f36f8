package io.cachet.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every check the code can report and every reason code has words in the report, in French and in English. */
class ReportTextsTest {
    private static final Pattern CHECK_NAME = Pattern.compile("Check\\.(?:passed|failed|skipped)\\(\\s*\"([a-z.-]+)\"");

    @Test
    void everyCheckNameInTheSourcesHasAFrenchAndAnEnglishText() throws IOException {
        Set<String> names = checkNames(Path.of("src/main/java"));

        assertThat(names).as("the scan found the checks").contains("pdf.signature", "seal.signature", "input");
        for (Locale locale : new Locale[] {Locale.FRENCH, Locale.ENGLISH}) {
            ReportTexts texts = ReportTexts.of(locale);
            assertThat(names)
                    .as("checks without a %s text", locale)
                    .allSatisfy(name ->
                            assertThat(texts.has("check." + name)).as(name).isTrue());
        }
    }

    @Test
    void everyReasonCodeHasAFrenchSentence() {
        ReportTexts french = ReportTexts.of(Locale.FRENCH);

        for (ReasonCode reason : ReasonCode.values()) {
            assertThat(french.has("reason." + reason.name())).as(reason.name()).isTrue();
        }
        assertThat(ReportTexts.of(Locale.ENGLISH).reason(ReasonCode.PDF_UNSIGNED))
                .isEqualTo(ReasonCode.PDF_UNSIGNED.description());
    }

    @Test
    void everyVerdictAndOutcomeHasWordsInBothLanguages() {
        for (Locale locale : new Locale[] {Locale.FRENCH, Locale.ENGLISH}) {
            ReportTexts texts = ReportTexts.of(locale);
            for (Verdict verdict : Verdict.values()) {
                assertThat(texts.verdict(verdict)).isNotBlank();
            }
            for (Check.Outcome outcome : Check.Outcome.values()) {
                assertThat(texts.outcome(outcome)).isNotBlank();
            }
        }
    }

    private static Set<String> checkNames(Path sources) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = CHECK_NAME.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }
}
