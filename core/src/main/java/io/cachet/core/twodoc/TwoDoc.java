package io.cachet.core.twodoc;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A decoded 2D-Doc: the signed content, the signature and the unsigned annex.
 *
 * @param content header and message zone, covered by the signature
 * @param signature the ECDSA P-256 signature, {@code r‖s} (64 bytes)
 * @param annex the values after the signature (§3.6), not covered by it: never to be trusted
 * @param text the whole code as read
 */
public record TwoDoc(TwoDocContent content, byte[] signature, List<TwoDocField> annex, String text) {
    public TwoDoc {
        requireNonNull(content, "content is null");
        signature = signature.clone();
        annex = List.copyOf(annex);
        requireNonNull(text, "text is null");
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public TwoDocHeader header() {
        return content.header();
    }

    /** The first signed value of {@code identifier}, if any (the annex is not searched). */
    public Optional<String> value(String identifier) {
        return content.field(identifier).map(TwoDocField::value);
    }

    /** The bytes the signature covers: header and message zone before the {@code <US>} (§3.5.2), ASCII. */
    public byte[] signedData() {
        return TwoDocEncoder.signedText(content).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TwoDoc that
                && content.equals(that.content)
                && java.util.Arrays.equals(signature, that.signature)
                && annex.equals(that.annex)
                && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "TwoDoc[" + TwoDocDates.printable(text) + "]";
    }
}
