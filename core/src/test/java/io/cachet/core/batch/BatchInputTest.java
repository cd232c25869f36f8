package io.cachet.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachet.core.CachetException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20, item 9: hostile batch input gives a clear problem, never a stack trace or an exhausted heap. */
class BatchInputTest {
    private static final long TWO_GIGABYTES = 2L * 1024 * 1024 * 1024;

    /** {@code prefix} then {@code filler} repeated up to {@code length} characters, made as it is read. */
    static Reader lazy(String prefix, char filler, long length) {
        return new Reader() {
            private long position;

            @Override
            public int read(char[] buffer, int offset, int count) {
                if (position >= length) {
                    return -1;
                }
                int n = (int) Math.min(count, length - position);
                for (int i = 0; i < n; i++, position++) {
                    buffer[offset + i] = position < prefix.length() ? prefix.charAt((int) position) : filler;
                }
                return n;
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void aTwoGigabyteOneLineCsvStopsAtTheRowLimitWithAClearProblem() throws Exception {
        Reader input = lazy("holder.familyName,holder.givenNames\nDUPONT,", 'x', TWO_GIGABYTES);

        BatchInput.Parsed parsed = BatchInput.csv(input);

        assertThat(parsed.rows()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.problem())
                    .contains("longer than " + BatchInput.MAX_ROW_CHARS + " characters")
                    .contains("the rest of the file was not read");
        });
    }

    @Test
    void aTwoGigabyteJsonLineStopsAtTheRowLimitWithAClearProblem() throws Exception {
        Reader input = lazy("{\"ref\":\"a\"}\n{\"holder\":\"", 'x', TWO_GIGABYTES);

        BatchInput.Parsed parsed = BatchInput.jsonLines(input);

        assertThat(parsed.rows()).hasSize(1);
        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.problem()).contains("longer than " + BatchInput.MAX_ROW_CHARS + " characters");
        });
    }

    @Test
    void jsonNestedAHundredThousandDeepIsAClearProblem() throws Exception {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        BatchInput.Parsed lines = BatchInput.jsonLines(new StringReader("{\"holder\":" + deep + "}\n"));
        BatchInput.Parsed cells = BatchInput.csv(new StringReader("beneficiaries\n\"" + deep + "\"\n"));

        assertThat(lines.problems())
                .singleElement()
                .extracting(BatchProblem::problem)
                .asString()
                .contains("nested deeper than 32 levels");
        assertThat(cells.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("beneficiaries");
            assertThat(problem.problem()).contains("nested deeper than 32 levels");
        });
    }

    @Test
    void aKeyGivenTwiceIsRefusedNotOverwritten() throws Exception {
        BatchInput.Parsed parsed = BatchInput.jsonLines(
                new StringReader("{\"holder\":{\"familyName\":\"DUPONT\",\"familyName\":\"MARTIN\"}}\n"));

        assertThat(parsed.rows()).isEmpty();
        assertThat(parsed.problems())
                .singleElement()
                .extracting(BatchProblem::problem)
                .asString()
                .contains("the key 'familyName' appears twice in the same object");
    }

    @Test
    void ordinaryRowsAreStillRead() throws Exception {
        BatchInput.Parsed csv = BatchInput.csv(
                new StringReader(
                        "\uFEFFref,holder.familyName,beneficiaries\r\nr1,\"DU \"\"PONT\"\", Jr\",\"[{\"\"a\"\":1}]\"\r\nr2,MARTIN,\n"));
        BatchInput.Parsed lines =
                BatchInput.jsonLines(new StringReader("{\"ref\":\"x\",\"holder\":{}}\n\n{\"a\":[1]}"));

        assertThat(csv.problems()).isEmpty();
        assertThat(csv.rows()).hasSize(2);
        assertThat(csv.rows().get(0).data().at("/holder/familyName").asText()).isEqualTo("DU \"PONT\", Jr");
        assertThat(csv.rows().get(0).data().at("/beneficiaries/0/a").asInt()).isEqualTo(1);
        assertThat(csv.rows().get(1).line()).isEqualTo(3);
        assertThat(lines.problems()).isEmpty();
        assertThat(lines.rows()).extracting(BatchRow::line).containsExactly(1, 3);
    }

    @Test
    void aFileThatIsNotUtf8IsAClearError(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("latin1.csv");
        Files.write(file, "holder.familyName\nH\u00C9L\u00C8NE\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> BatchInput.read(file))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("is not UTF-8 text");
    }
}
