package io.cachet.core.twodoc;

import java.util.Arrays;
import org.apache.commons.codec.binary.Base32;

/** RFC 4648 Base32 without padding, as the signature is written (§3.5.2: "Il n'est pas nécessaire d'encoder les
 * caractères de padding"). */
final class TwoDocBase32 {
    private static final Base32 CODEC = new Base32();

    private TwoDocBase32() {}

    static String encode(byte[] bytes) {
        String padded = CODEC.encodeAsString(bytes);
        int end = padded.indexOf('=');
        return end < 0 ? padded : padded.substring(0, end);
    }

    /**
     * Decodes unpadded Base32 of exactly {@code length} bytes. Only the canonical text is accepted: the RFC 4648
     * alphabet in upper case, no padding, and unused trailing bits zero (so one signature has one text).
     */
    static byte[] decode(String text, int length) throws TwoDocFormatException {
        int expected = (length * 8 + 4) / 5;
        if (!text.matches("[A-Z2-7]*")) {
            int bad = 0;
            while (bad < text.length() && "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(text.charAt(bad)) >= 0) {
                bad++;
            }
            throw new TwoDocFormatException(
                    TwoDocReason.BAD_SIGNATURE_ENCODING,
                    "the signature has '" + TwoDocDates.printable(String.valueOf(text.charAt(bad))) + "' at position "
                            + (bad + 1) + ", outside the Base32 alphabet A-Z 2-7 (RFC 4648, no padding)");
        }
        if (text.length() != expected) {
            throw new TwoDocFormatException(
                    TwoDocReason.BAD_SIGNATURE_ENCODING,
                    "the signature has " + text.length() + " Base32 characters; an ECDSA P-256 signature (" + length
                            + " bytes) has " + expected);
        }
        String padded = text + "=".repeat((8 - text.length() % 8) % 8);
        byte[] bytes = CODEC.decode(padded);
        if (bytes.length != length || !encode(bytes).equals(text)) {
            throw new TwoDocFormatException(
                    TwoDocReason.BAD_SIGNATURE_ENCODING,
                    "the signature's Base32 is not canonical: its last character carries non-zero unused bits");
        }
        return Arrays.copyOf(bytes, length);
    }
}
