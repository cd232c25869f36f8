package io.cachet.core.pdf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

/**
 * A signature's or document timestamp's {@code /ByteRange [0 gapStart gapEnd tailLength]} (ISO 32000-1 §12.8.1): the
 * bytes {@code [0, gapStart)} and {@code [gapEnd, gapEnd + tailLength)} are signed, the gap between them holds the
 * {@code /Contents}. Read strictly ({@link #of}); whether it fits the file is for the caller to judge.
 */
record ByteRange(int gapStart, int gapEnd, int tailLength) {
    ByteRange {
        if (gapStart < 0 || gapEnd < 0 || tailLength < 0) {
            throw new IllegalArgumentException("a /ByteRange holds non-negative integers");
        }
    }

    /** The /ByteRange as four non-negative integers starting at 0, or empty when it is anything else. */
    static Optional<ByteRange> of(PDSignature signature) {
        COSBase base = signature.getCOSObject().getDictionaryObject(COSName.BYTERANGE);
        if (!(base instanceof COSArray array) || array.size() != 4) {
            return Optional.empty();
        }
        int[] range = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!(array.getObject(i) instanceof COSInteger integer)) {
                return Optional.empty();
            }
            long value = integer.longValue();
            if (value < 0 || value > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            range[i] = (int) value;
        }
        return range[0] == 0 ? Optional.of(new ByteRange(range[1], range[2], range[3])) : Optional.empty();
    }

    /** Where the signed bytes end (may lie beyond {@code int} for a hostile range). */
    long end() {
        return (long) gapEnd + tailLength;
    }

    /** Whether the gap lies before the second range and the whole range inside a file of {@code length} bytes. */
    boolean fitsIn(int length) {
        return gapStart < gapEnd && end() <= length;
    }

    /** The signed bytes, in order; only for a range that {@link #fitsIn} {@code pdf}. */
    byte[] signedBytes(byte[] pdf) {
        byte[] signed = new byte[gapStart + tailLength];
        System.arraycopy(pdf, 0, signed, 0, gapStart);
        System.arraycopy(pdf, gapEnd, signed, gapStart, tailLength);
        return signed;
    }

    /** Feeds the signed bytes to {@code digest}; only for a range that {@link #fitsIn} {@code pdf}. */
    void digest(byte[] pdf, MessageDigest digest) {
        digest.update(pdf, 0, gapStart);
        digest.update(pdf, gapEnd, tailLength);
    }

    /**
     * The signature bytes, when the gap between the two signed ranges is exactly {@code <hex>} and that hex is the
     * /Contents of the parsed signature dictionary (Signature Wrapping defence).
     */
    Optional<byte[]> contentsFromGap(byte[] pdf, PDSignature signature) {
        if (gapEnd - gapStart < 2 || pdf[gapStart] != '<' || pdf[gapEnd - 1] != '>') {
            return Optional.empty();
        }
        String hex = new String(pdf, gapStart + 1, gapEnd - gapStart - 2, StandardCharsets.US_ASCII);
        if (hex.length() % 2 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        byte[] gapBytes = HexFormat.of().parseHex(hex);
        COSBase parsed = signature.getCOSObject().getDictionaryObject(COSName.CONTENTS);
        if (!(parsed instanceof COSString contents) || !Arrays.equals(contents.getBytes(), gapBytes)) {
            return Optional.empty();
        }
        return Optional.of(gapBytes);
    }

    /**
     * The CMS or token without the zero padding that fills the reserved /Contents space. Anything other than zeros
     * after the DER structure would be unsigned, malleable data inside the signature, so it is refused.
     */
    static Optional<byte[]> withoutPadding(byte[] contents) {
        if (contents.length < 2 || contents[0] != 0x30) {
            return Optional.empty();
        }
        int first = contents[1] & 0xFF;
        long length;
        int header;
        if (first < 0x80) {
            length = first;
            header = 2;
        } else {
            int count = first & 0x7F;
            if (count == 0 || count > 4 || contents.length < 2 + count) {
                return Optional.empty();
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (contents[2 + i] & 0xFF);
            }
            header = 2 + count;
        }
        long end = header + length;
        if (end > contents.length) {
            return Optional.empty();
        }
        for (int i = (int) end; i < contents.length; i++) {
            if (contents[i] != 0) {
                return Optional.empty();
            }
        }
        return Optional.of(Arrays.copyOf(contents, (int) end));
    }
}
