package io.cachet.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link CertificateId#isWellFormed} accepts exactly the ids of the documented shape whose check character is right:
 * compared with the definition (the shape as a regular expression, then Luhn mod 32 over the sixteen characters) on
 * random ids, every single-character change of them, and strings near the shape.
 */
class CertificateIdTest {
    private static final Pattern SHAPE =
            Pattern.compile("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-HJKMNP-TV-Z]");
    /** The alphabet, the letters it leaves out, lower case, other dashes and digits, a non-BMP character. */
    private static final String NEAR = CertificateId.ALPHABET + "ILOUailou-_ –\u0660\uff10\u00c9\ud83d\ude00\u0000";

    private static boolean byDefinition(String value) {
        if (!SHAPE.matcher(value).matches()) {
            return false;
        }
        String compact = value.replace("-", "");
        return CertificateId.checkCharacter(compact.substring(0, 16)) == compact.charAt(16);
    }

    @Test
    void randomIdsAndEverySingleChangeOfThemAreJudgedAsTheDefinitionSays() {
        Random random = new Random(15);
        int accepted = 0;
        for (int n = 0; n < 200; n++) {
            String id = CertificateId.random().value();
            assertThat(CertificateId.isWellFormed(id)).as(id).isTrue();
            for (int i = 0; i < id.length(); i++) {
                for (int k = 0; k < NEAR.length(); k++) {
                    String changed = id.substring(0, i) + NEAR.charAt(k) + id.substring(i + 1);
                    boolean expected = byDefinition(changed);
                    assertThat(CertificateId.isWellFormed(changed)).as(changed).isEqualTo(expected);
                    accepted += expected ? 1 : 0;
                }
            }
            String swapped = id.substring(0, 1) + id.charAt(0) + id.substring(2);
            assertThat(CertificateId.isWellFormed(swapped)).isEqualTo(byDefinition(swapped));
            assertThat(CertificateId.isWellFormed(id + "0")).isFalse();
            assertThat(CertificateId.isWellFormed(id.substring(1))).isFalse();
            assertThat(CertificateId.isWellFormed(id.toLowerCase(java.util.Locale.ROOT)))
                    .isEqualTo(byDefinition(id.toLowerCase(java.util.Locale.ROOT)));
            String shuffled = randomString(random, 21);
            assertThat(CertificateId.isWellFormed(shuffled)).as(shuffled).isEqualTo(byDefinition(shuffled));
        }
        // Each id itself, once per position (the character replaced by itself); no other change keeps the check.
        assertThat(accepted).isEqualTo(200 * 21);
        assertThat(CertificateId.isWellFormed("")).isFalse();
    }

    @Test
    void stringsOfTheRightLengthWithDashesInPlaceAreJudgedAsTheDefinitionSays() {
        Random random = new Random(32);
        for (int n = 0; n < 100_000; n++) {
            char[] chars = randomString(random, 21).toCharArray();
            for (int dash : new int[] {4, 9, 14, 19}) {
                if (random.nextInt(10) > 0) {
                    chars[dash] = '-';
                }
            }
            String value = new String(chars);
            assertThat(CertificateId.isWellFormed(value)).as(value).isEqualTo(byDefinition(value));
        }
    }

    private static String randomString(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(
                    random.nextInt(8) == 0
                            ? NEAR.charAt(random.nextInt(NEAR.length()))
                            : CertificateId.ALPHABET.charAt(random.nextInt(32)));
        }
        return out.toString();
    }
}
