package io.cachet.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachet.core.CachetException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile batch input gives a clear problem, never a stack trace or an exhausted heap. */
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
        BatchInput.Parsed cells = BatchInput.csv(new StringReader("ref,beneficiaries\nr1,\"" + deep + "\"\n"));

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

    static byte[] cp1252(String text) {
        return text.getBytes(InputEncoding.WINDOWS_1252);
    }

    @Test
    void aWindows1252FileIsDetectedAndReadAsSuch(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("excel.csv");
        byte[] bytes = cp1252("holder.familyName;holder.givenNames\r\nDUPONT;H\u00E9l\u00E8ne \u0152dile\r\n");
        assertThat(bytes).contains((byte) 0xE9, (byte) 0x8C);
        Files.write(file, bytes);

        BatchInput.Parsed parsed = BatchInput.read(file);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows().get(0).data().at("/holder/givenNames").asText())
                .isEqualTo("H\u00E9l\u00E8ne \u0152dile");
    }

    @Test
    void aUtf8FileWithAByteOrderMarkIsReadWithoutIt(@TempDir Path folder) throws Exception {
        Path csv = folder.resolve("bom.csv");
        Files.write(
                csv,
                "\uFEFFholder.familyName,holder.givenNames\nDUPONT,H\u00E9l\u00E8ne\n"
                        .getBytes(StandardCharsets.UTF_8));
        Path jsonl = folder.resolve("bom.jsonl");
        Files.write(
                jsonl, "\uFEFF{\"holder\":{\"givenNames\":\"H\u00E9l\u00E8ne\"}}\n".getBytes(StandardCharsets.UTF_8));

        BatchInput.Parsed fromCsv = BatchInput.read(csv);
        BatchInput.Parsed fromJsonl = BatchInput.read(jsonl);

        assertThat(fromCsv.problems()).isEmpty();
        assertThat(fromCsv.rows().get(0).data().get("holder").fieldNames())
                .toIterable()
                .containsExactly("familyName", "givenNames");
        assertThat(fromCsv.rows().get(0).data().at("/holder/givenNames").asText())
                .isEqualTo("H\u00E9l\u00E8ne");
        assertThat(fromJsonl.problems()).isEmpty();
        assertThat(fromJsonl.rows().get(0).data().at("/holder/givenNames").asText())
                .isEqualTo("H\u00E9l\u00E8ne");
    }

    @Test
    void aFileInNeitherEncodingIsAClearErrorNamingTheLineAndTheByte(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("neither.csv");
        // 0x81 is undefined in Windows-1252 and, alone, not UTF-8.
        Files.write(file, new byte[] {'a', ',', 'b', '\n', 'c', ',', 'd', '\n', 'e', ',', (byte) 0x81, '\n'});

        assertThatThrownBy(() -> BatchInput.read(file))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.INVALID_INPUT))
                .hasMessageContaining("is neither UTF-8 nor Windows-1252 text")
                .hasMessageContaining("line 3 holds the byte 0x81")
                .hasMessageNotContaining("Input length");
    }

    @Test
    void aForcedEncodingThatDoesNotFitNamesTheLineAndTheByte(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("excel.csv");
        Files.write(file, cp1252("holder.familyName;holder.givenNames\nDUPONT;H\u00E9l\u00E8ne\n"));

        assertThatThrownBy(() -> BatchInput.read(file, Optional.of(StandardCharsets.UTF_8)))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("is not UTF-8 text: line 2 holds the byte 0xE9")
                .hasMessageContaining("--encoding");
    }

    @Test
    void aForcedEncodingIsUsed(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("utf8-read-as-latin.csv");
        Files.write(
                file,
                "holder.familyName;holder.givenNames\nDUPONT;H\u00E9l\u00E8ne\n".getBytes(StandardCharsets.UTF_8));

        BatchInput.Parsed parsed = BatchInput.read(file, Optional.of(InputEncoding.named("cp1252")));

        assertThat(parsed.rows().get(0).data().at("/holder/givenNames").asText())
                .isEqualTo("H\u00C3\u00A9l\u00C3\u00A8ne");
    }

    @Test
    void anUnknownEncodingNameIsAUsageError() {
        assertThatThrownBy(() -> InputEncoding.named("klingon-8"))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.USAGE))
                .hasMessageContaining("unknown encoding 'klingon-8'");
    }

    @Test
    void aUtf16FileIsRefusedWithWhatToDo(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("unicode.csv");
        Files.write(file, "\uFEFFholder.familyName\tholder.givenNames\n".getBytes(StandardCharsets.UTF_16LE));

        assertThatThrownBy(() -> BatchInput.read(file))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("is UTF-16 text")
                .hasMessageContaining("CSV UTF-8");
    }

    @Test
    void semicolonsSeparateWhenTheHeaderUsesThemAndQuotesWorkAsWithCommas() throws Exception {
        BatchInput.Parsed parsed = BatchInput.csv(new StringReader("ref;holder.familyName;holder.givenNames;place\r\n"
                + "r1;DUPONT, Jr;\"Anne; Marie\";\"Saint-Denis \"\"La R\u00E9union\"\"\"\r\n"
                + ";;;\r\n"
                + "r2;\"MARTIN\nBIS\";;\r\n"));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows()).hasSize(2);
        assertThat(parsed.rows().get(0).data().at("/holder/familyName").asText())
                .isEqualTo("DUPONT, Jr");
        assertThat(parsed.rows().get(0).data().at("/holder/givenNames").asText())
                .isEqualTo("Anne; Marie");
        assertThat(parsed.rows().get(0).data().at("/place").asText()).isEqualTo("Saint-Denis \"La R\u00E9union\"");
        assertThat(parsed.rows().get(1).line()).isEqualTo(4);
        assertThat(parsed.rows().get(1).data().at("/holder/familyName").asText())
                .isEqualTo("MARTIN\nBIS");
    }

    @Test
    void aQuotedSeparatorInTheHeaderDoesNotCount() throws Exception {
        BatchInput.Parsed parsed = BatchInput.csv(new StringReader("\"a;b\",c\n1,2\n"));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows().get(0).data().get("c").asText()).isEqualTo("2");
    }

    @Test
    void aHeaderWithBothSeparatorsIsAnErrorShowingIt() {
        assertThatThrownBy(() -> BatchInput.csv(new StringReader("holder.familyName;holder.givenNames,ref\nA;B,C\n")))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.INVALID_INPUT))
                .hasMessageContaining(
                        "the header row 'holder.familyName;holder.givenNames,ref' holds both ',' and ';'");
    }

    @Test
    void aHeaderWithNeitherSeparatorIsAnErrorShowingIt() {
        assertThatThrownBy(() -> BatchInput.csv(new StringReader("holder.familyName\tholder.givenNames\nA\tB\n")))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("the header row 'holder.familyName")
                .hasMessageContaining("holds neither ',' nor ';'")
                .hasMessageContaining("separated by tabs");
    }
}
