package io.cachet.core.seal;

import io.cachet.core.report.ReasonCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.apache.commons.codec.binary.Base45;

/**
 * The text layers of a seal (docs/seal-format.md §3): COSE bytes → optional zlib → Base45 (RFC 9285) → prefix.
 * Decoding is strict and bounded: at most {@link #MAX_TEXT_LENGTH} characters in, at most
 * {@link #MAX_COSE_LENGTH} bytes out of zlib.
 */
public final class SealText {
    /** The prefix of format version 1 of Cachet seals. */
    public static final String CACHET_PREFIX = "CT1:";
    /** No seal is longer; a QR code of version 40 holds 4296 alphanumeric characters. */
    public static final int MAX_TEXT_LENGTH = 4096;
    /** A bound on inflated data, against decompression bombs. */
    public static final int MAX_COSE_LENGTH = 16 * 1024;

    private static final Base45 BASE45 = Base45.builder()
            .setDecodingPolicy(org.apache.commons.codec.CodecPolicy.STRICT)
            .get();

    private SealText() {}

    /** The layers of a decoded text. {@code compressed} says whether a zlib layer was present. */
    public record Layers(String prefix, byte[] base45Decoded, boolean compressed, byte[] cose) {}

    /**
     * Encodes COSE bytes, compressing only when zlib makes the result shorter (it does not for most seals: the
     * signature and key id are incompressible).
     */
    public static String encode(byte[] cose, String prefix) {
        byte[] compressed = deflate(cose);
        byte[] chosen = compressed.length < cose.length ? compressed : cose;
        return prefix + new String(BASE45.encode(chosen), StandardCharsets.US_ASCII);
    }

    /**
     * The text as a seal is read: white space around it removed and the ASCII letters {@code a-z} upper-cased. The
     * prefixes and the Base45 alphabet (RFC 9285 §4) are upper case, so a code typed or scanned in lower case (a USB
     * scanner typing with Caps Lock on, or set to another keyboard layout) is the same code. Nothing else is mapped:
     * any other character, non-ASCII letters included, stays as it is and still fails the Base45 check.
     */
    public static String normalise(String text) {
        String stripped = text.strip();
        char[] chars = stripped.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'a' && chars[i] <= 'z') {
                chars[i] = (char) (chars[i] - 'a' + 'A');
            }
        }
        return new String(chars);
    }

    /** True when {@link #normalise(String)} upper-cased letters of {@code text}. */
    public static boolean hadLowerCase(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 'a' && text.charAt(i) <= 'z') {
                return true;
            }
        }
        return false;
    }

    /** Decodes the {@link #normalise(String) normalised} text. */
    public static Layers decode(String rawText, String expectedPrefix) throws SealFormatException {
        String text = normalise(rawText);
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new SealFormatException(
                    ReasonCode.CODE_TOO_LARGE,
                    "the code has " + text.length() + " characters; a seal has at most " + MAX_TEXT_LENGTH);
        }
        if (!text.startsWith(expectedPrefix)) {
            throw new SealFormatException(
                    ReasonCode.CODE_PREFIX_UNKNOWN, "the code does not start with '" + expectedPrefix + "'");
        }
        String body = text.substring(expectedPrefix.length());
        byte[] decoded = base45(body);
        // zlib is present exactly when the data start with a zlib header (CMF 0x78): a COSE_Sign1 starts with
        // 0xD2 (tag 18) or 0x84 (array of 4), so the two cannot be confused (HCERT §3.4).
        if (decoded.length > 0 && (decoded[0] & 0xFF) == 0x78) {
            return new Layers(expectedPrefix, decoded, true, inflate(decoded));
        }
        return new Layers(expectedPrefix, decoded, false, decoded);
    }

    /**
     * RFC 9285 §4 decoding, strict: every character in the alphabet, no length that no data can have, no group whose
     * value exceeds 65535 (or 255 for a final pair). One pass over a lookup table: this runs for every code a
     * verifier is given.
     */
    private static byte[] base45(String body) throws SealFormatException {
        if (body.isEmpty()) {
            throw new SealFormatException(ReasonCode.CODE_BASE45_INVALID, "the code has no data after its prefix");
        }
        int length = body.length();
        for (int i = 0; i < length; i++) {
            if (valueOf(body.charAt(i)) < 0) {
                throw new SealFormatException(
                        ReasonCode.CODE_BASE45_INVALID,
                        "character " + (i + 1) + " after the prefix is outside the Base45 alphabet");
            }
        }
        if (length % 3 == 1) {
            throw new SealFormatException(
                    ReasonCode.CODE_BASE45_INVALID, "the Base45 text has a length that no data can have (truncated?)");
        }
        byte[] decoded = new byte[length / 3 * 2 + (length % 3 == 2 ? 1 : 0)];
        int out = 0;
        for (int i = 0; i < length; i += 3) {
            int remaining = Math.min(3, length - i);
            // The first character is the least significant digit: c + d·45 (+ e·45²).
            int value = 0;
            for (int j = remaining - 1; j >= 0; j--) {
                value = value * 45 + valueOf(body.charAt(i + j));
            }
            if ((remaining == 3 && value > 0xFFFF) || (remaining == 2 && value > 0xFF)) {
                throw new SealFormatException(
                        ReasonCode.CODE_BASE45_INVALID,
                        "the Base45 group at character " + (i + 1) + " encodes an impossible value");
            }
            if (remaining == 3) {
                decoded[out++] = (byte) (value >>> 8);
            }
            decoded[out++] = (byte) value;
        }
        return decoded;
    }

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    /** The value of each ASCII character in the Base45 alphabet, -1 for the others. */
    private static final int[] VALUES = new int[128];

    static {
        java.util.Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUES[ALPHABET.charAt(i)] = i;
        }
    }

    /** The character's value in the Base45 alphabet, or -1 when it is not in it. */
    private static int valueOf(char c) {
        return c < VALUES.length ? VALUES[c] : -1;
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 16);
            byte[] buffer = new byte[512];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] data) throws SealFormatException {
        try {
            return io.cachet.core.BoundedInflater.inflate(data, MAX_COSE_LENGTH);
        } catch (io.cachet.core.BoundedInflater.Failure e) {
            throw new SealFormatException(ReasonCode.CODE_ZLIB_INVALID, e.getMessage());
        }
    }
}
