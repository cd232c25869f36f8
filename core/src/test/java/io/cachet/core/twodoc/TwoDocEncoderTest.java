package io.cachet.core.twodoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachet.core.CachetException;
import io.cachet.core.TestKeys;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TwoDocEncoderTest {
    private static final TwoDocSigner SIGNER =
            new TwoDocSigner(TestKeys.create(Instant.now().minusSeconds(60)).signer(), "FR00", "0001");
    private static final TwoDocHeader HEADER = new TwoDocHeader(
            "FR00", "0001", Optional.empty(), Optional.of(LocalDate.of(2026, 11, 20)), "Z5", "01", "FR");

    @Test
    void separatorsFollowTheRulesOfTheMessageZone() {
        String text = TwoDocEncoder.signedText(new TwoDocContent(
                HEADER,
                List.of(
                        TwoDocField.of("69", "30081996"), // fixed: nothing follows
                        TwoDocField.of("6Q", "7526041872"), // full: nothing follows
                        TwoDocField.of("62", "HAIDARI"), // variable: <GS>
                        new TwoDocField("6A", "HERAT", true), // truncated: <RS>
                        TwoDocField.of("60", "ALI")))); // last: nothing

        assertThat(text)
                .isEqualTo("DC04FR000001FFFF265CZ501FR" + "6930081996" + "6Q7526041872" + "62HAIDARI\u001d"
                        + "6AHERAT\u001e" + "60ALI");
    }

    @Test
    void aFinalSeparatorIsWrittenOnlyWhenAsked() {
        TwoDocContent content = new TwoDocContent(HEADER, List.of(TwoDocField.of("62", "HAIDARI")), true);

        assertThat(TwoDocEncoder.signedText(content)).endsWith("62HAIDARI\u001d");
        assertThatThrownBy(() -> TwoDocEncoder.signedText(
                        new TwoDocContent(HEADER, List.of(TwoDocField.of("69", "30081996")), true)))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("final <GS>");
    }

    @Test
    void valuesBreakingTheirIdentifierAreRefusedWithTheRule() {
        assertRefused(TwoDocField.of("62", "Haidari"), "outside [A-Z ]");
        assertRefused(TwoDocField.of("62", "A".repeat(39)), "0 to 38 characters");
        assertRefused(TwoDocField.of("69", "1996"), "exactly 8 characters");
        assertRefused(TwoDocField.of("69", "30021996"), "no day of the calendar");
        assertRefused(new TwoDocField("69", "30081996", true), "cannot be truncated");
        assertRefused(TwoDocField.of("ZZ", "X"), "'ZZ' is not a data identifier");
        assertRefused(TwoDocField.of("62", "HAI\u001dDARI"), "<GS>");
    }

    @Test
    void theHeaderMustNameTheSignersCertificate() {
        TwoDocSigner other = new TwoDocSigner(SIGNER.key(), "FR00", "0002");

        assertThatThrownBy(() -> TwoDocEncoder.encode(
                        new TwoDocContent(HEADER, List.of(TwoDocField.of("62", "HAIDARI"))), other))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("FR00/0001")
                .hasMessageContaining("FR00/0002");
    }

    @Test
    void freeTextIsMadeFitAndNumbersAreNeverTruncated() {
        assertThat(TwoDocValues.fromText("6A", "Hérat (Afghanistan)"))
                .isEqualTo(TwoDocField.of("6A", "HERAT AFGHANISTAN"));
        assertThat(TwoDocValues.fromText("60", "Zoë Œdipe-Marie")).isEqualTo(TwoDocField.of("60", "ZOE OEDIPE MARIE"));
        assertThat(TwoDocValues.fromText("66", "19-ab 12345")).isEqualTo(TwoDocField.of("66", "19AB12345"));
        assertThat(TwoDocValues.fromText("6A", "X".repeat(40))).isEqualTo(new TwoDocField("6A", "X".repeat(32), true));
        assertThatThrownBy(() -> TwoDocValues.fromText("6Q", "75260418721"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 to 10 characters");
    }

    @Test
    void headerDatesOutsideFourHexDigitsAreRefused() {
        assertThatThrownBy(() -> new TwoDocHeader(
                        "FR00", "0001", Optional.of(LocalDate.of(1999, 12, 31)), Optional.empty(), "Z5", "01", "FR"))
                .hasMessageContaining("between 2000-01-01 and");
        assertThat(TwoDocDates.hex(Optional.of(TwoDocDates.LAST))).isEqualTo("FFFE");
        assertThat(TwoDocDates.hex(Optional.of(LocalDate.of(2011, 12, 31)))).isEqualTo("111E");
    }

    private static void assertRefused(TwoDocField field, String messagePart) {
        assertThatThrownBy(() -> TwoDocEncoder.signedText(new TwoDocContent(HEADER, List.of(field))))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining(messagePart);
    }
}
