package io.cachet.core.registry;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import java.security.SecureRandom;

/**
 * A certificate id: 80 random bits as 16 Crockford Base32 characters (no I, L, O, U: nothing to confuse) plus one
 * check character (Luhn mod 32, which catches every single mistyped character and most swaps of neighbours),
 * written {@code XXXX-XXXX-XXXX-XXXX-C}.
 */
public record CertificateId(String value) {
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Each character's value in {@link #ALPHABET}, -1 for any other (ASCII only; anything else is not an id). */
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUES[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    public CertificateId {
        requireNonNull(value, "value is null");
        if (!isWellFormed(value)) {
            throw CachetException.invalidInput(
                    "'" + value + "' is not a certificate id (XXXX-XXXX-XXXX-XXXX-C with a valid check character)");
        }
    }

    public static CertificateId random() {
        StringBuilder body = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            body.append(ALPHABET.charAt(RANDOM.nextInt(32)));
        }
        String digits = body.toString();
        return new CertificateId(format(digits + checkCharacter(digits)));
    }

    /** Reads an id as typed by a person: case, spaces and dashes are ignored. */
    public static CertificateId parse(String typed) {
        String compact = typed.toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]", "");
        if (compact.length() != 17) {
            throw CachetException.invalidInput(
                    "'" + typed + "' is not a certificate id: expected 17 characters like XXXX-XXXX-XXXX-XXXX-C");
        }
        return new CertificateId(format(compact));
    }

    /**
     * True for {@code XXXX-XXXX-XXXX-XXXX-C}: four groups of four characters of the alphabet, then the check character
     * of those sixteen. Checked by hand rather than by a regular expression: every registry row read and every
     * verified seal checks an id, some twice.
     */
    public static boolean isWellFormed(String value) {
        if (value.length() != 21) {
            return false;
        }
        int factor = 2;
        int sum = 0;
        // Luhn mod 32 from the last digit of the body to the first, the dashes checked on the way.
        for (int i = 18; i >= 0; i--) {
            char c = value.charAt(i);
            if (i % 5 == 4) {
                if (c != '-') {
                    return false;
                }
                continue;
            }
            int digit = valueOf(c);
            if (digit < 0) {
                return false;
            }
            int addend = factor * digit;
            factor = factor == 2 ? 1 : 2;
            sum += addend / 32 + addend % 32;
        }
        return value.charAt(19) == '-' && ALPHABET.charAt((32 - sum % 32) % 32) == value.charAt(20);
    }

    private static int valueOf(char c) {
        return c < VALUES.length ? VALUES[c] : -1;
    }

    /** Luhn mod N (N = 32) over the alphabet. */
    static char checkCharacter(String digits) {
        int factor = 2;
        int sum = 0;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(digits.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / 32 + addend % 32;
        }
        return ALPHABET.charAt((32 - sum % 32) % 32);
    }

    private static String format(String compact) {
        return compact.substring(0, 4) + "-" + compact.substring(4, 8) + "-" + compact.substring(8, 12) + "-"
                + compact.substring(12, 16) + "-" + compact.substring(16);
    }

    @Override
    public String toString() {
        return value;
    }
}
