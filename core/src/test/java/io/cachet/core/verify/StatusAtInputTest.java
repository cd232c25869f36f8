package io.cachet.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachet.core.CachetException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The status-at date as people write it: an instant, a date-time with its offset, or a day in France. */
class StatusAtInputTest {
    @Test
    void aDayMeansItsLastMillisecondInParisWinterAndSummer() {
        assertThat(StatusAtInput.parse("2026-03-01")).isEqualTo(Instant.parse("2026-03-01T22:59:59.999Z"));
        assertThat(StatusAtInput.parse("2026-07-14")).isEqualTo(Instant.parse("2026-07-14T21:59:59.999Z"));
    }

    @Test
    void anInstantAndADateTimeWithItsOffsetAreTakenAsGiven() {
        assertThat(StatusAtInput.parse("2026-03-01T14:30:00Z")).isEqualTo(Instant.parse("2026-03-01T14:30:00Z"));
        assertThat(StatusAtInput.parse(" 2026-03-01T14:30:00+01:00 ")).isEqualTo(Instant.parse("2026-03-01T13:30:00Z"));
    }

    @Test
    void aDateTimeWithoutOffsetAndOtherTextAreRefusedSayingWhatIsAccepted() {
        for (String bad :
                new String[] {"2026-03-01T14:30:00", "01/03/2026", "2026-02-30", "", "yesterday", "x".repeat(500)}) {
            assertThatThrownBy(() -> StatusAtInput.parse(bad))
                    .as(bad)
                    .isInstanceOf(CachetException.class)
                    .hasMessageContaining("the status-at date must be")
                    .satisfies(e -> assertThat(((CachetException) e).kind()).isEqualTo(CachetException.Kind.USAGE));
        }
    }
}
