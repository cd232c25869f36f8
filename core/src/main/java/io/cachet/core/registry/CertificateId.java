package io.cachet.core.registry;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * A certificate id: 80 random bits as 16 Crockford Base32 characters (no I, L, O, U: nothing to confuse) plus one
 * check character (Luhn mod 32, which catches every single mistyped character and most swaps of neighbours),
 * written {@code XXXX-XXXX-XXXX-XXXX-C}.
 */
public record CertificateId(String value) {
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();
    // Compiled once: every registry row read and every verified seal checks an id (String.matches compiles anew).
    private static final Pattern SHAPE =
            Pattern.compile("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-HJKMNP-TV-Z]");

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

    public static boolean isWellFormed(String value) {
        if (!SHAPE.matcher(value).matches()) {
            return false;
        }
        String compact = value.replace("-", "");
        return checkCharacter(compact.substring(0, 16)) == compact.charAt(16);
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
