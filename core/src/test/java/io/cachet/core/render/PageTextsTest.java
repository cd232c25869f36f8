package io.cachet.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Pages' texts in French by default and in English, from UTF-8 properties. */
class PageTextsTest {
    private static final class Texts extends PageTexts {
        Texts(String prefix) {
            super(PageTextsTest.class, prefix);
        }
    }

    private final PageTexts texts = new Texts("io/cachet/core/render/pagetexts/messages");

    @Test
    void aTextIsSaidInItsLanguageWithItsParametersAndInFrenchForAnyOtherLanguage() {
        assertThat(texts.text("fr", "greeting", "Amina")).isEqualTo("Bonjour Amina");
        assertThat(texts.text("en", "greeting", "Amina")).isEqualTo("Hello Amina");
        assertThat(texts.text("de", "greeting", "Amina")).isEqualTo("Bonjour Amina");
        assertThat(texts.text("en", "plain")).isEqualTo("The time");
        assertThat(texts.text("fr", "plain"))
                .as("no parameters: no MessageFormat quoting")
                .isEqualTo("L'heure");
    }

    @Test
    void aMissingTextIsItsKeyAndHasNeedsBothLanguages() {
        assertThat(texts.text("en", "nowhere", "x")).isEqualTo("nowhere");
        assertThat(texts.has("greeting")).isTrue();
        assertThat(texts.has("only.fr")).isFalse();
    }

    @Test
    void missingTextFilesAreRefusedAtStart() {
        assertThatThrownBy(() -> new Texts("io/cachet/core/render/pagetexts/absent"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("absent_fr.properties");
    }
}
