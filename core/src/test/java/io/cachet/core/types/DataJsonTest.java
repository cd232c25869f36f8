package io.cachet.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachet.core.CachetException;
import org.junit.jupiter.api.Test;

/** Certificate data are read strictly, with errors that say what and where. */
class DataJsonTest {
    @Test
    void jsonNestedAHundredThousandDeepIsAClearError() {
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);

        assertThatThrownBy(() -> DataJson.parse(deep, "data.json"))
                .isInstanceOf(CachetException.class)
                .hasMessage("data.json is nested deeper than 32 levels of objects and arrays; certificate data need at"
                        + " most 3");
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithWhereItIs() {
        String data = "{\n  \"holder\": {\"familyName\": \"DUPONT\"},\n  \"holder\": {\"familyName\": \"MARTIN\"}\n}";

        assertThatThrownBy(() -> DataJson.parse(data, "data.json"))
                .isInstanceOf(CachetException.class)
                .satisfies(e -> assertThat(((CachetException) e).kind()).isEqualTo(CachetException.Kind.INVALID_INPUT))
                .hasMessageStartingWith("data.json, line 3, column ")
                .hasMessageEndingWith(": the key 'holder' appears twice in the same object; give it once");
    }

    @Test
    void textAfterTheValueAndMalformedJsonAreRefused() {
        assertThatThrownBy(() -> DataJson.parse("{\"a\":1} {\"b\":2}", "data.json"))
                .isInstanceOf(CachetException.class)
                .hasMessageStartingWith("data.json is not valid JSON, line 1, column ");
        assertThatThrownBy(() -> DataJson.parse("{\"a\":", "data.json"))
                .isInstanceOf(CachetException.class)
                .hasMessageStartingWith("data.json is not valid JSON");
    }

    @Test
    void oversizedDataAreRefusedBeforeParsing() {
        String big = "\"" + "x".repeat(DataJson.MAX_CHARS) + "\"";

        assertThatThrownBy(() -> DataJson.parse(big, "data.json"))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("certificate data are at most " + DataJson.MAX_CHARS);
    }

    @Test
    void ordinaryDataAreRead() {
        assertThat(DataJson.parse("{\"holder\":{\"familyName\":\"DUPONT\"},\"list\":[{\"a\":\"b\"}]}", "x")
                        .at("/list/0/a")
                        .asText())
                .isEqualTo("b");
    }
}
