package io.cachet.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.report.ReasonCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/reason-codes.md documents every reason code with its verdict, so the documentation stays true. */
class ReasonCodesDocumentedTest {
    @Test
    void everyReasonCodeIsDocumentedWithItsVerdict() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "reason-codes.md"));

        for (ReasonCode code : ReasonCode.values()) {
            assertThat(doc)
                    .as(code.name())
                    .contains("| `" + code.name() + "` | " + code.verdict().name() + " |");
        }
    }
}
