package io.cachet.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every check the code can report and every reason code has words in the report, in French and in English. */
class ReportTextsTest {
    @Test
    void everyCheckHasAFrenchAndAnEnglishText() {
        for (Locale locale : new Locale[] {Locale.FRENCH, Locale.ENGLISH}) {
            ReportTexts texts = ReportTexts.of(locale);
            assertThat(CheckName.values())
                    .as("checks without a %s text", locale)
                    .allSatisfy(check -> assertThat(texts.has(check.textKey()))
                            .as(check.wireName())
                            .isTrue());
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
}
