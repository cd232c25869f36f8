package io.cachet.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/verification-report.md lists every check with its group and every reason code under its verdict, so that what
 * a reader is told matches what the code does.
 */
class VerificationReportDocumentedTest {
    private static final Path DOC = Path.of("..", "docs", "verification-report.md");
    private static final Pattern CHECK_ROW =
            Pattern.compile("^\\| ((?:`[a-z.-]+`(?:, )?)+) \\| ([a-z]+) \\|", Pattern.MULTILINE);

    @Test
    void everyCheckIsListedOnceWithItsGroup() throws Exception {
        String doc = Files.readString(DOC);
        Matcher rows = CHECK_ROW.matcher(doc);
        List<String> listed = new java.util.ArrayList<>();
        while (rows.find()) {
            String group = rows.group(2);
            for (String name : rows.group(1).replace("`", "").split(", ")) {
                CheckName check = CheckName.ofWire(name);
                assertThat(group)
                        .as("the group of %s", name)
                        .isEqualTo(check.group().key());
                listed.add(name);
            }
        }

        assertThat(listed)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(CheckName.values())
                        .map(CheckName::wireName)
                        .toList());
    }

    @Test
    void everyReasonCodeIsListedUnderItsVerdict() throws Exception {
        String doc = Files.readString(DOC);
        String section = doc.substring(doc.indexOf("## Reason codes by verdict"));

        for (Verdict verdict : Verdict.values()) {
            List<ReasonCode> codes = Arrays.stream(ReasonCode.values())
                    .filter(code -> code.verdict() == verdict)
                    .toList();
            if (codes.isEmpty()) {
                assertThat(section).as(verdict.name()).doesNotContain("| " + verdict.name() + " |");
                continue;
            }
            assertThat(section)
                    .as(verdict.name())
                    .contains("| " + verdict.name() + " | "
                            + codes.stream()
                                    .map(code -> "`" + code.name() + "`")
                                    .collect(Collectors.joining(", "))
                            + " |");
        }
    }
}
