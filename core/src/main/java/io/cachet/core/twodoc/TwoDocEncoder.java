package io.cachet.core.twodoc;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a 2D-Doc version 04 in its C40 text form (§3.2): header, message zone, {@code <US>}, Base32 signature.
 *
 * <p>The message zone has one canonical form (§3.4.1): a fixed-length value, or a variable one at its maximum
 * length, is followed directly by the next identifier; any other variable value by {@code <GS>}, except the last,
 * which is followed by nothing ({@link TwoDocContent#finalSeparator()} aside); a truncated value by {@code <RS>}.
 * {@link TwoDocDecoder} reads exactly this form back, so encoding, decoding and encoding again gives the same text.
 */
public final class TwoDocEncoder {
    private TwoDocEncoder() {}

    /**
     * Signs {@code content} and returns the whole code text.
     *
     * @throws CachetException (invalid input) when a value breaks its identifier's rules, or when the header names
     *     another authority or certificate than the signer's
     */
    public static String encode(TwoDocContent content, TwoDocSigner signer) {
        requireNonNull(signer, "signer is null");
        TwoDocHeader header = content.header();
        if (!header.caId().equals(signer.caId()) || !header.certificateId().equals(signer.certificateId())) {
            throw CachetException.invalidInput("the 2D-Doc header names certificate " + header.caId() + "/"
                    + header.certificateId() + " but the signing key is certificate " + signer.caId() + "/"
                    + signer.certificateId());
        }
        String signed = signedText(content);
        byte[] signature = signer.sign(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + TwoDocText.US + TwoDocBase32.encode(signature);
    }

    /**
     * The signed text of {@code content}: header and message zone in the canonical form, before the {@code <US>}.
     *
     * @throws CachetException (invalid input) when a value breaks its identifier's rules
     */
    public static String signedText(TwoDocContent content) {
        StringBuilder text = new StringBuilder(content.header().text());
        appendZone(text, content.fields(), content.finalSeparator());
        return text.toString();
    }

    static void appendZone(StringBuilder text, List<TwoDocField> fields, boolean finalSeparator) {
        for (int i = 0; i < fields.size(); i++) {
            TwoDocField field = fields.get(i);
            DataIdentifier identifier;
            try {
                identifier = TwoDocValues.check(field);
            } catch (TwoDocFormatException e) {
                throw CachetException.invalidInput("cannot write this 2D-Doc: " + e.getMessage());
            }
            boolean last = i == fields.size() - 1;
            text.append(field.identifier()).append(field.value());
            if (field.truncated()) {
                text.append(TwoDocText.RS);
            } else if (!full(identifier, field.value()) && (!last || finalSeparator)) {
                text.append(TwoDocText.GS);
            }
            if (last && finalSeparator && (field.truncated() || full(identifier, field.value()))) {
                throw CachetException.invalidInput("a final <GS> may only follow a variable-length value that is"
                        + " neither full nor truncated; " + field.identifier() + " is not one");
            }
        }
    }

    /** Whether nothing may follow the value before the next identifier: fixed length, or variable and full. */
    static boolean full(DataIdentifier identifier, String value) {
        return identifier.maxLength().isPresent()
                && value.length() == identifier.maxLength().getAsInt();
    }
}
