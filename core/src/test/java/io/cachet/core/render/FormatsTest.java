package io.cachet.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {
    private final Formats fmt = new Formats();

    @Test
    void aFullDateIsWrittenTheFrenchWay() {
        assertThat(fmt.date("1994-07-21")).isEqualTo("21/07/1994");
    }

    @Test
    void aPartialBirthDateIsWrittenAsKnownWithoutAMadeUpDay() {
        assertThat(fmt.date("1990-03")).isEqualTo("03/1990");
        assertThat(fmt.date("1990")).isEqualTo("1990");
    }

    @Test
    void anAbsentDateIsEmptyText() {
        assertThat(fmt.date((String) null)).isEmpty();
    }
}
