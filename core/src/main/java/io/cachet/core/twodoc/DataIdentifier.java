package io.cachet.core.twodoc;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One data identifier (DI) of the perimeter {@code 01} of the 2D-Doc specification (§7): two characters naming what
 * the value that follows means, how long it may be and which characters it may use.
 *
 * @param code the two characters {@code [0-9A-Z]} written before the value
 * @param label the specification's name for the value, in French
 * @param minLength the shortest value allowed
 * @param maxLength the longest value allowed; empty when the specification sets no bound ("Aucune")
 * @param characters the characters the value may use
 * @param kind how the value is read beyond its characters (a date is checked to be one)
 */
public record DataIdentifier(
        String code, String label, int minLength, OptionalInt maxLength, Characters characters, Kind kind) {
    /** The character sets the specification's descriptions name (§7, "Cette donnée est encodée en utilisant…"). */
    public enum Characters {
        DIGITS("[0-9]"),
        DIGITS_SPACE("[0-9 ]"),
        LETTERS("[A-Z ]"),
        LETTERS_DIGITS("[A-Z0-9]"),
        LETTERS_DIGITS_SPACE("[A-Z0-9 ]"),
        LETTERS_DIGITS_DASH("[A-Z0-9-]"),
        NAMES("[A-Z /]"),
        NAMES_DIGITS("[A-Z0-9 /]"),
        /** A decimal number: digits, at most one comma and one minus sign (checked by the value's kind). */
        DECIMAL("[0-9,-]"),
        /** Unpadded RFC 4648 Base32 (the URL of DI {@code 0C}). */
        BASE32("[A-Z2-7]"),
        /**
         * Any printable ASCII character: for the identifiers Cachet only reads (from other emitters), whose
         * characters it does not narrow to the specification's description.
         */
        PRINTABLE("[ -~]");

        private final boolean[] allowed = new boolean[128];
        private final String description;

        Characters(String characterClass) {
            Pattern one = Pattern.compile(characterClass);
            for (char c = 0; c < allowed.length; c++) {
                allowed[c] = one.matcher(String.valueOf(c)).matches();
            }
            this.description = characterClass;
        }

        public boolean allows(char c) {
            return c < allowed.length && allowed[c];
        }

        public String description() {
            return description;
        }
    }

    /** How a value is read beyond its characters. */
    public enum Kind {
        TEXT,
        /** A date {@code JJMMAAAA}. */
        DATE,
        /** A date {@code JJMMAAAA} whose day, or day and month, may be {@code 00} when unknown (birth dates, §7.5). */
        PARTIAL_DATE,
        /** A date as 4 hexadecimal digits: days since 2000-01-01, as in the header (§7.0). */
        HEX_DATE,
        /** A signed decimal number with at most one comma (§7.15, DI G4). */
        DECIMAL
    }

    public DataIdentifier {
        requireNonNull(code, "code is null");
        requireNonNull(label, "label is null");
        requireNonNull(maxLength, "maxLength is null");
        requireNonNull(characters, "characters is null");
        requireNonNull(kind, "kind is null");
        if (!code.matches("[0-9A-Z]{2}")) {
            throw new IllegalArgumentException("a data identifier is two characters [0-9A-Z]: '" + code + "'");
        }
        if (minLength < 0 || maxLength.isPresent() && maxLength.getAsInt() < Math.max(minLength, 1)) {
            throw new IllegalArgumentException("impossible lengths for " + code);
        }
    }

    /** A value of exactly {@code minLength} characters, written without separator (§3.4.1). */
    public boolean fixedLength() {
        return maxLength.isPresent() && maxLength.getAsInt() == minLength;
    }

    /** "min–max characters" or "n characters" or "at least n characters", for messages. */
    public String lengthDescription() {
        if (fixedLength()) {
            return "exactly " + minLength + " characters";
        }
        return maxLength.isPresent()
                ? minLength + " to " + maxLength.getAsInt() + " characters"
                : "at least " + minLength + " characters";
    }
}
