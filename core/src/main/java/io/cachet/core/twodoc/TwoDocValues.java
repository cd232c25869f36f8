package io.cachet.core.twodoc;

import java.text.Normalizer;
import java.util.Locale;

/** Checks a value against its data identifier (§7), and turns free text into a value an identifier accepts. */
public final class TwoDocValues {
    private TwoDocValues() {}

    /**
     * Checks {@code field} against its identifier: known identifier, characters, lengths, dates; a truncated value
     * must be of variable length (§3.4.1).
     *
     * @throws TwoDocFormatException naming the identifier, the value and the rule it breaks
     */
    public static DataIdentifier check(TwoDocField field) throws TwoDocFormatException {
        DataIdentifier identifier = identifier(field.identifier());
        String value = field.value();
        String name = field.identifier() + " (" + identifier.label() + ")";
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!identifier.characters().allows(c)) {
                boolean separator = c == TwoDocText.GS || c == TwoDocText.RS || c == TwoDocText.US;
                throw new TwoDocFormatException(
                        separator ? TwoDocReason.NON_CANONICAL_SEPARATOR : TwoDocReason.INVALID_CHARACTER,
                        "the value of " + name + " '" + TwoDocDates.printable(value) + "' has '"
                                + TwoDocDates.printable(String.valueOf(c)) + "' at position " + (i + 1)
                                + ", outside " + identifier.characters().description()
                                + (Character.isLetterOrDigit(c) && i >= 1 ? " (is a <GS> missing before it?)" : ""));
            }
        }
        if (field.truncated() && identifier.fixedLength()) {
            throw new TwoDocFormatException(
                    TwoDocReason.TRUNCATED_FIXED_FIELD,
                    name + " has a fixed length (" + identifier.minLength()
                            + " characters) and cannot be truncated (§3.4.1)");
        }
        if (value.length() < identifier.minLength()) {
            throw new TwoDocFormatException(
                    TwoDocReason.FIELD_TOO_SHORT,
                    "the value of " + name + " '" + TwoDocDates.printable(value) + "' has " + value.length()
                            + " characters; it needs " + identifier.lengthDescription());
        }
        if (identifier.maxLength().isPresent()
                && value.length() > identifier.maxLength().getAsInt()) {
            throw new TwoDocFormatException(
                    TwoDocReason.FIELD_TOO_LONG,
                    "the value of " + name + " has " + value.length() + " characters; it allows "
                            + identifier.lengthDescription());
        }
        switch (identifier.kind()) {
            case DATE -> TwoDocDates.checkDdmmyyyy(value, false, "the value of " + name);
            case PARTIAL_DATE -> TwoDocDates.checkDdmmyyyy(value, true, "the value of " + name);
            case HEX_DATE -> {
                if (TwoDocDates.parseHex(value, "the value of " + name).isEmpty()) {
                    throw new TwoDocFormatException(
                            TwoDocReason.BAD_DATE, "the value of " + name + " is FFFF, which only the header allows");
                }
            }
            case DECIMAL -> {
                if (!value.isEmpty() && !value.matches("-?[0-9]+(,[0-9]+)?")) {
                    throw new TwoDocFormatException(
                            TwoDocReason.INVALID_CHARACTER,
                            "the value of " + name + " '" + value
                                    + "' is not a number (digits, at most one comma, an optional leading minus)");
                }
            }
            case TEXT -> {}
        }
        return identifier;
    }

    static DataIdentifier identifier(String code) throws TwoDocFormatException {
        return DataIdentifiers.find(code)
                .orElseThrow(() -> new TwoDocFormatException(
                        TwoDocReason.UNKNOWN_IDENTIFIER,
                        "'" + TwoDocDates.printable(code) + "' is not a data identifier of the specification's"
                                + " perimeter 01 (§7): its length is unknown, so nothing after it can be read"));
    }

    /**
     * Text as {@code identifier} accepts it: accents removed, upper case; in free text (an identifier whose characters
     * include the space) each character it does not allow becomes a space and spaces are collapsed, and a value longer
     * than the maximum is cut there and marked truncated (§3.4.1, annex 11); in a number or code (no space allowed)
     * other characters are dropped, and a value too long is an error, since a truncated number means nothing.
     * {@code Hérat (Afghanistan)} becomes {@code HERAT AFGHANISTAN}; passport {@code 19-AB 12345} becomes
     * {@code 19AB12345}.
     *
     * @throws IllegalArgumentException when the identifier is unknown, or the text does not fit a fixed-length or
     *     number identifier
     */
    public static TwoDocField fromText(String identifierCode, String text) {
        DataIdentifier identifier = DataIdentifiers.find(identifierCode)
                .orElseThrow(() -> new IllegalArgumentException("unknown data identifier " + identifierCode));
        boolean freeText = identifier.characters().allows(' ');
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replace("Æ", "AE")
                .replace("æ", "ae")
                .replace("Œ", "OE")
                .replace("œ", "oe")
                .replace("ß", "ss")
                .toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (char c : plain.toCharArray()) {
            if (identifier.characters().allows(c) && c != ' ') {
                out.append(c);
            } else if (freeText && !out.isEmpty() && out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        }
        String value = out.toString().strip();
        String name = identifierCode + " (" + identifier.label() + ")";
        if (identifier.fixedLength() && value.length() != identifier.minLength()) {
            throw new IllegalArgumentException(
                    "'" + text + "' does not fit " + name + ", which holds " + identifier.lengthDescription());
        }
        int max = identifier.maxLength().orElse(Integer.MAX_VALUE);
        if (value.length() > max) {
            if (!freeText) {
                throw new IllegalArgumentException(
                        "'" + text + "' does not fit " + name + ", which holds " + identifier.lengthDescription());
            }
            return new TwoDocField(identifierCode, value.substring(0, max).strip(), true);
        }
        return TwoDocField.of(identifierCode, value);
    }
}
