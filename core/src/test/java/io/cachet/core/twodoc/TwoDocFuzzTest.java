package io.cachet.core.twodoc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Mutated specimens (characters replaced, inserted, deleted; separators above all) are either refused with a
 * {@link TwoDocFormatException} or read into a 2D-Doc whose rebuilt signed text is the text read (no other
 * exception, no second reading of the same bytes), and whose signature verifies only if neither the signed text nor
 * the signature changed.
 */
class TwoDocFuzzTest {
    private static final String ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /-,\u001d\u001d\u001d\u001e\u001e\u001fa\u00e9";

    @Test
    void mutatedSpecimensAreReadCanonicallyOrRefusedWithAReason() {
        Random random = new Random(20261205);
        List<String> specimens = new ArrayList<>(TwoDocSpecimens.codes().values());
        Map<TwoDocReason, Integer> reasons = new TreeMap<>();
        int read = 0;
        for (int round = 0; round < 5_000; round++) {
            String original = specimens.get(random.nextInt(specimens.size()));
            StringBuilder text = new StringBuilder(original);
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                int at = random.nextInt(text.length());
                char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.setCharAt(at, c);
                    case 1 -> text.insert(at, c);
                    default -> text.deleteCharAt(at);
                }
            }
            String mutated = text.toString();
            try {
                TwoDoc doc = TwoDocDecoder.decode(mutated);
                int us = mutated.indexOf('\u001f');
                assertThat(TwoDocEncoder.signedText(doc.content()))
                        .as(TwoDocDates.printable(mutated))
                        .isEqualTo(mutated.substring(0, us));
                boolean sameSignedText =
                        mutated.substring(0, us).equals(original.substring(0, original.indexOf('\u001f')));
                boolean sameSignature = mutated.substring(us)
                        .startsWith(original.substring(original.indexOf('\u001f'), original.indexOf('\u001f') + 104));
                assertThat(
                                TwoDocSignature.verify(doc, TwoDocSpecimens.certificate())
                                        instanceof TwoDocVerification.Valid)
                        .as("verifies: %s", TwoDocDates.printable(mutated))
                        .isEqualTo(sameSignedText && sameSignature);
                read++;
            } catch (TwoDocFormatException e) {
                reasons.merge(e.reason(), 1, Integer::sum);
            }
        }
        assertThat(reasons.keySet())
                .as("refusals by reason %s, %d read", reasons, read)
                .contains(
                        TwoDocReason.NON_CANONICAL_SEPARATOR,
                        TwoDocReason.INVALID_CHARACTER,
                        TwoDocReason.BAD_SIGNATURE_ENCODING,
                        TwoDocReason.UNKNOWN_IDENTIFIER);
    }
}
