package io.cachet.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How a pasted or scanned code is taken before it is told apart as a 2D-Doc or a seal. */
class TwoDocTextTest {
    /**
     * The definition: spaces, tabs, CR and LF removed at both ends, nothing else. The regular expression the scan
     * replaced ended in {@code $}, which also matches before a final line terminator: for a code ending in LF then
     * U+2028 it removed the LF inside the code. {@code \\z} is the end of the text.
     */
    private static String byDefinition(String text) {
        return text.replaceAll("^[ \\t\\r\\n]+|[ \\t\\r\\n]+\\z", "");
    }

    @Test
    void onlySpacesTabsAndLineEndsAroundTheCodeAreRemoved() {
        assertThat(TwoDocChecks.withoutSpacesAround(" \t\r\nDC04AB\n ")).isEqualTo("DC04AB");
        assertThat(TwoDocChecks.withoutSpacesAround("DC04\u001dAB\u001e"))
                .as("a final <RS> or <GS> is part of the code (String.strip would remove it)")
                .isEqualTo("DC04\u001dAB\u001e");
        assertThat(TwoDocChecks.withoutSpacesAround("\u00a0DC04 AB\u00a0"))
                .as("other spaces are left for the decoder to refuse")
                .isEqualTo("\u00a0DC04 AB\u00a0");
        assertThat(TwoDocChecks.withoutSpacesAround(" \n\t ")).isEmpty();
        assertThat(TwoDocChecks.withoutSpacesAround("")).isEmpty();
    }

    @Test
    void theScanAgreesWithTheDefinitionOnRandomTexts() {
        char[] alphabet = {' ', '\t', '\r', '\n', 'D', 'C', '0', '\u001d', '\u001e', '\u001f', '\u00a0', '\u2028', 'x'};
        Random random = new Random(20261206);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            assertThat(TwoDocChecks.withoutSpacesAround(text))
                    .as("%s", text.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(byDefinition(text));
            assertThat(TwoDocChecks.looksLikeTwoDoc(text))
                    .isEqualTo(byDefinition(text).startsWith("DC"));
        }
    }
}
