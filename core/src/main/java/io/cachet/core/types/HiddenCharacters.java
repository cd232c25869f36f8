package io.cachet.core.types;

import static java.util.Objects.requireNonNull;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Characters that a reader cannot see, or that change how the text around them is shown, so that what a page shows
 * differs from what the data hold: control characters (Unicode category Cc), format characters (Cf: the bidirectional
 * overrides and isolates U+202A–U+202E and U+2066–U+2069, the marks U+200E and U+200F, the zero-width U+200B–U+200D,
 * U+2060 and U+FEFF, soft hyphen…), line and paragraph separators (Zl, Zp), private-use (Co), unpaired surrogates
 * (Cs) and unassigned code points (Cn). A name holding "U+202E TNOPUD" is shown as "DUPONT".
 *
 * <p>Issuance refuses them in every text field ({@link DataValidator}); verification flags a seal that carries them
 * (check {@code seal.text}, reason {@code SEAL_HIDDEN_CHARACTERS}) and shows them as {@code <U+202E>}.
 */
public final class HiddenCharacters {
    private HiddenCharacters() {}

    /**
     * A hidden character found in a text.
     *
     * @param codePoint the character
     * @param position where it is, counting characters (code points) from 1
     */
    public record Found(int codePoint, int position) {
        public Found {
            if (position < 1) {
                throw new IllegalArgumentException("position counts from 1");
            }
        }

        /** For example {@code U+202E RIGHT-TO-LEFT OVERRIDE at character 1}. */
        public String describe() {
            String name = Character.getName(codePoint);
            return codePointLabel(codePoint) + (name == null ? " (unassigned)" : " " + name) + " at character "
                    + position;
        }
    }

    /** True for a character this class hides from nobody: one that is refused in names and other text. */
    public static boolean isHidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.PRIVATE_USE,
                    Character.SURROGATE,
                    Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    /** The first hidden character of {@code text}, if it has one. */
    public static Optional<Found> find(String text) {
        requireNonNull(text, "text is null");
        int position = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            position++;
            if (isHidden(codePoint)) {
                return Optional.of(new Found(codePoint, position));
            }
            i += Character.charCount(codePoint);
        }
        return Optional.empty();
    }

    /** {@code text} with each hidden character written out visibly as {@code <U+202E>}, so it cannot mislead. */
    public static String reveal(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            if (isHidden(codePoint)) {
                shown.append('<').append(codePointLabel(codePoint)).append('>');
            } else {
                shown.appendCodePoint(codePoint);
            }
        });
        return shown.toString();
    }

    /** {@code text} in Unicode Normalization Form C (composed: "é" as one character, whichever way it was typed). */
    public static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static String codePointLabel(int codePoint) {
        return String.format(Locale.ROOT, "U+%04X", codePoint);
    }
}
