package io.cachet.core.twodoc;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.crypto.Es256;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the C40 text of a version 04 2D-Doc (§3.3.3, §3.4.1, §3.5.2, §3.6) strictly: each rule broken is refused with
 * the {@link TwoDocReason} that names it. Decoding checks structure only; {@link TwoDocSignature} checks the
 * signature.
 *
 * <p>The message zone carries no lengths: each value is delimited by its identifier's definition, so an identifier
 * outside {@link DataIdentifiers} stops the reading ({@link TwoDocReason#UNKNOWN_IDENTIFIER}). Separators are read as
 * {@link TwoDocEncoder} writes them; anything else (a {@code <GS>} after a fixed-length value, a doubled one, a value
 * that swallows the next one because its {@code <GS>} is missing) is refused, so the signed text a reader rebuilds
 * from the fields is byte for byte the text that was signed.
 */
public final class TwoDocDecoder {
    /** The most characters a DataMatrix ECC200 holds (144×144, C40 text): anything longer is no 2D-Doc. */
    public static final int MAX_LENGTH = 3116;

    private TwoDocDecoder() {}

    public static TwoDoc decode(String text) throws TwoDocFormatException {
        requireNonNull(text, "text is null");
        if (text.length() > MAX_LENGTH) {
            throw new TwoDocFormatException(
                    TwoDocReason.TOO_LONG,
                    "the text has " + text.length() + " characters; no DataMatrix holds more than " + MAX_LENGTH);
        }
        if (!text.startsWith(TwoDocHeader.MARKER)) {
            throw new TwoDocFormatException(
                    TwoDocReason.NOT_A_2D_DOC,
                    "a 2D-Doc begins with 'DC'; this text begins with '"
                            + TwoDocDates.printable(text.substring(0, Math.min(2, text.length()))) + "'");
        }
        TwoDocHeader header = header(text);
        int us = text.indexOf(TwoDocText.US, TwoDocHeader.LENGTH);
        if (us < 0) {
            throw new TwoDocFormatException(
                    TwoDocReason.TRUNCATED, "the text has no <US> after its message: the signature is missing");
        }
        String message = text.substring(TwoDocHeader.LENGTH, us);
        if (message.isEmpty()) {
            throw new TwoDocFormatException(
                    TwoDocReason.TRUNCATED, "the message zone between header and <US> is empty");
        }
        Zone zone = zone(message, "message");
        TwoDocContent content = new TwoDocContent(header, zone.fields(), zone.finalSeparator());

        String tail = text.substring(us + 1);
        // §3.6: in C40, a signature followed by an annex ends with <GS>.
        int gs = tail.indexOf(TwoDocText.GS);
        String signatureText = gs < 0 ? tail : tail.substring(0, gs);
        byte[] signature = TwoDocBase32.decode(signatureText, Es256.SIGNATURE_LENGTH);
        List<TwoDocField> annex = List.of();
        if (gs >= 0) {
            String annexText = tail.substring(gs + 1);
            if (annexText.isEmpty()) {
                throw new TwoDocFormatException(
                        TwoDocReason.MALFORMED_ANNEX, "a <GS> follows the signature but no annex follows it");
            }
            try {
                annex = zone(annexText, "annex").fields();
            } catch (TwoDocFormatException e) {
                throw new TwoDocFormatException(TwoDocReason.MALFORMED_ANNEX, e.getMessage());
            }
        }
        // The signed text rebuilt from the fields must be the text read: the canonical form (§3.4.1).
        String rebuilt;
        try {
            rebuilt = TwoDocEncoder.signedText(content);
        } catch (CachetException e) {
            throw new TwoDocFormatException(TwoDocReason.NON_CANONICAL_SEPARATOR, e.getMessage());
        }
        if (!rebuilt.equals(text.substring(0, us))) {
            throw new TwoDocFormatException(
                    TwoDocReason.NON_CANONICAL_SEPARATOR,
                    "the message's separators are not in canonical form: read '"
                            + TwoDocDates.printable(text.substring(0, us)) + "', rebuilt '"
                            + TwoDocDates.printable(rebuilt) + "'");
        }
        return new TwoDoc(content, signature, annex, text);
    }

    private static TwoDocHeader header(String text) throws TwoDocFormatException {
        if (text.length() < 4) {
            throw new TwoDocFormatException(
                    TwoDocReason.MALFORMED_HEADER, "the text ends inside the header, before the version");
        }
        String version = text.substring(2, 4);
        if (!version.equals(TwoDocHeader.VERSION)) {
            throw new TwoDocFormatException(
                    version.matches("[0-9]{2}") ? TwoDocReason.UNSUPPORTED_VERSION : TwoDocReason.MALFORMED_HEADER,
                    "version '" + TwoDocDates.printable(version) + "': Cachet reads version 04 (C40) only");
        }
        int end = text.indexOf(TwoDocText.US);
        int headerChars = Math.min(text.length(), end < 0 ? Integer.MAX_VALUE : end);
        if (headerChars < TwoDocHeader.LENGTH) {
            throw new TwoDocFormatException(
                    TwoDocReason.MALFORMED_HEADER,
                    "the header has " + headerChars + " characters before "
                            + (end < 0 ? "the end of the text" : "the <US>") + "; version 04 needs "
                            + TwoDocHeader.LENGTH);
        }
        String caId = part(text, 4, 8, "[A-Z]{2}[A-Z0-9]{2}", "certification authority id", "[A-Z]{2}[A-Z0-9]{2}");
        String certificateId = part(text, 8, 12, "[A-Z0-9]{4}", "certificate id", "[A-Z0-9]{4}");
        Optional<LocalDate> issueDate = TwoDocDates.parseHex(text.substring(12, 16), "the header's issue date");
        Optional<LocalDate> signatureDate = TwoDocDates.parseHex(text.substring(16, 20), "the header's signature date");
        String documentType = part(text, 20, 22, "[A-Z0-9]{2}", "document type", "[A-Z0-9]{2}");
        String perimeter = part(text, 22, 24, "[A-Z0-9]{2}", "perimeter", "[A-Z0-9]{2}");
        String country = part(text, 24, 26, "[A-Z]{2}", "country", "ISO 3166 alpha-2 [A-Z]{2}");
        return new TwoDocHeader(caId, certificateId, issueDate, signatureDate, documentType, perimeter, country);
    }

    private static String part(String text, int from, int to, String shape, String name, String rule)
            throws TwoDocFormatException {
        String value = text.substring(from, to);
        if (!value.matches(shape)) {
            throw new TwoDocFormatException(
                    TwoDocReason.MALFORMED_HEADER,
                    "the header's " + name + " (characters " + (from + 1) + "-" + to + ") is '"
                            + TwoDocDates.printable(value) + "'; it must be " + rule);
        }
        return value;
    }

    private record Zone(List<TwoDocField> fields, boolean finalSeparator) {}

    private static Zone zone(String zone, String where) throws TwoDocFormatException {
        List<TwoDocField> fields = new ArrayList<>();
        boolean finalSeparator = false;
        int pos = 0;
        while (pos < zone.length()) {
            if (pos + 2 > zone.length()) {
                throw new TwoDocFormatException(
                        TwoDocReason.TRUNCATED,
                        "the " + where + " ends with '" + TwoDocDates.printable(zone.substring(pos))
                                + "', one character where a 2-character data identifier must be");
            }
            String code = zone.substring(pos, pos + 2);
            char first = code.charAt(0);
            if (first == TwoDocText.GS || first == TwoDocText.RS) {
                String after = fields.isEmpty()
                        ? "at the start of the " + where
                        : "after the value of " + fields.get(fields.size() - 1).identifier();
                throw new TwoDocFormatException(
                        TwoDocReason.NON_CANONICAL_SEPARATOR,
                        "a " + TwoDocDates.printable(String.valueOf(first)) + " " + after + " (character "
                                + (pos + 1) + " of the " + where + ") where a data identifier must begin: "
                                + (fields.isEmpty()
                                        ? "nothing precedes it"
                                        : "that value ends by its length or is already terminated"));
            }
            if (!code.matches("[0-9A-Z]{2}")) {
                throw new TwoDocFormatException(
                        TwoDocReason.UNKNOWN_IDENTIFIER,
                        "'" + TwoDocDates.printable(code) + "' at character " + (pos + 1) + " of the " + where
                                + " is not a data identifier (two characters [0-9A-Z])");
            }
            DataIdentifier identifier = TwoDocValues.identifier(code);
            pos += 2;
            int start = pos;
            boolean truncated = false;
            boolean separated = false;
            String value;
            if (identifier.fixedLength()) {
                int end = start + identifier.minLength();
                for (int i = start; i < Math.min(end, zone.length()); i++) {
                    char c = zone.charAt(i);
                    if (c == TwoDocText.RS) {
                        throw new TwoDocFormatException(
                                TwoDocReason.TRUNCATED_FIXED_FIELD,
                                code + " (" + identifier.label() + ") has a fixed length of " + identifier.minLength()
                                        + " characters; its value ends with <RS> after " + (i - start)
                                        + ": a fixed-length value cannot be truncated (§3.4.1)");
                    }
                    if (c == TwoDocText.GS) {
                        throw new TwoDocFormatException(
                                TwoDocReason.FIELD_TOO_SHORT,
                                "the value of " + code + " (" + identifier.label() + ") ends with <GS> after "
                                        + (i - start) + " characters; it needs " + identifier.lengthDescription());
                    }
                }
                if (end > zone.length()) {
                    throw new TwoDocFormatException(
                            TwoDocReason.TRUNCATED,
                            "the " + where + " ends after " + (zone.length() - start) + " of the "
                                    + identifier.minLength() + " characters of " + code + " (" + identifier.label()
                                    + ")");
                }
                value = zone.substring(start, end);
                pos = end;
                if (pos < zone.length() && zone.charAt(pos) == TwoDocText.RS) {
                    throw new TwoDocFormatException(
                            TwoDocReason.TRUNCATED_FIXED_FIELD,
                            code + " (" + identifier.label() + ") has a fixed length and is followed by <RS>:"
                                    + " a fixed-length value cannot be truncated (§3.4.1)");
                }
                if (pos < zone.length() && zone.charAt(pos) == TwoDocText.GS) {
                    throw new TwoDocFormatException(
                            TwoDocReason.NON_CANONICAL_SEPARATOR,
                            "a <GS> follows the fixed-length value of " + code + " (" + identifier.label()
                                    + "): the next data identifier must follow directly (§3.4.1)");
                }
            } else {
                int max = identifier.maxLength().orElse(Integer.MAX_VALUE);
                int i = start;
                while (i < zone.length() && i - start < max) {
                    char c = zone.charAt(i);
                    if (c == TwoDocText.GS || c == TwoDocText.RS) {
                        break;
                    }
                    i++;
                }
                value = zone.substring(start, i);
                pos = i;
                if (pos < zone.length() && zone.charAt(pos) == TwoDocText.RS) {
                    truncated = true;
                    pos++;
                } else if (pos < zone.length() && zone.charAt(pos) == TwoDocText.GS) {
                    if (value.length() == max) {
                        throw new TwoDocFormatException(
                                TwoDocReason.NON_CANONICAL_SEPARATOR,
                                "a <GS> follows the value of " + code + " (" + identifier.label()
                                        + "), which is already at its maximum length of " + max
                                        + ": the next data identifier must follow directly (§3.4.1)");
                    }
                    separated = true;
                    pos++;
                }
                if (truncated && pos < zone.length() && zone.charAt(pos) == TwoDocText.GS) {
                    throw new TwoDocFormatException(
                            TwoDocReason.NON_CANONICAL_SEPARATOR,
                            "a <GS> follows the <RS> that ends " + code + ": <RS> stands in place of <GS>"
                                    + " (§3.4.1)");
                }
            }
            TwoDocField field = new TwoDocField(code, value, truncated);
            TwoDocValues.check(field);
            fields.add(field);
            finalSeparator = separated && pos == zone.length();
        }
        return new Zone(fields, finalSeparator);
    }
}
