package io.cachet.core.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachet.core.report.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.commons.codec.binary.Base45;
import org.junit.jupiter.api.Test;

/** The Base45 layer of a seal's text (RFC 9285), decoded by Cachet's own strict decoder. */
class SealTextTest {
    private static final String PREFIX = SealText.CACHET_PREFIX;

    @Test
    void decodesTheExamplesOfRfc9285() throws SealFormatException {
        assertThat(decoded("BB8")).isEqualTo("AB".getBytes(StandardCharsets.US_ASCII));
        assertThat(decoded("%69 VD92EX0")).isEqualTo("Hello!!".getBytes(StandardCharsets.US_ASCII));
        assertThat(decoded("UJCLQE7W581")).isEqualTo("base-45".getBytes(StandardCharsets.US_ASCII));
        assertThat(decoded("QED8WEX0")).isEqualTo("ietf!".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void decodesWhatAnotherEncoderWroteForEveryLengthAndEveryByte() throws SealFormatException {
        Random random = new Random(15);
        Base45 reference = new Base45();
        for (int length = 1; length <= 300; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            data[0] = (byte) 0xD2; // not a zlib header, so the layer is taken as it is
            data[length - 1] = (byte) (length % 2 == 0 ? 0xFF : 0x00);
            String text = new String(reference.encode(data), StandardCharsets.US_ASCII);
            assertThat(decoded(text)).as("length %d", length).isEqualTo(data);
        }
    }

    @Test
    void refusesTheLargestValuesAGroupCannotHold() {
        // ":::" is 44 + 44·45 + 44·45² = 91124 > 65535; "::" is 44 + 44·45 = 2024 > 255.
        assertRefused("BB8:::", "the Base45 group at character 4 encodes an impossible value");
        assertRefused("BB8::", "the Base45 group at character 4 encodes an impossible value");
        // The largest that fit: "FGW" = 65535 (0xFFFF), "U5" = 255 (0xFF).
        assertThat(bytesOrNull("FGWU5")).containsExactly(0xFF, 0xFF, 0xFF);
    }

    @Test
    void refusesCharactersOutsideTheAlphabetAndImpossibleLengths() {
        assertRefused("BB8é", "character 4 after the prefix is outside the Base45 alphabet");
        assertRefused("BB8\u0000", "character 4 after the prefix is outside the Base45 alphabet");
        assertRefused("BB8_", "character 4 after the prefix is outside the Base45 alphabet");
        assertRefused("BB8B", "the Base45 text has a length that no data can have (truncated?)");
        assertRefused("", "the code has no data after its prefix");
    }

    @Test
    void readsLowerCaseAsUpperCase() throws SealFormatException {
        assertThat(decoded("bb8")).isEqualTo("AB".getBytes(StandardCharsets.US_ASCII));
        assertThat(SealText.hadLowerCase(PREFIX + "bB8")).isTrue();
        assertThat(SealText.hadLowerCase(PREFIX + "BB8")).isFalse();
    }

    private static byte[] decoded(String base45) throws SealFormatException {
        return SealText.decode(PREFIX + base45, PREFIX).base45Decoded();
    }

    private static int[] bytesOrNull(String base45) {
        try {
            byte[] bytes = decoded(base45);
            int[] unsigned = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                unsigned[i] = bytes[i] & 0xFF;
            }
            return unsigned;
        } catch (SealFormatException e) {
            return null;
        }
    }

    private static void assertRefused(String base45, String message) {
        assertThatThrownBy(() -> decoded(base45))
                .isInstanceOfSatisfying(
                        SealFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.CODE_BASE45_INVALID))
                .hasMessage(message);
    }
}
