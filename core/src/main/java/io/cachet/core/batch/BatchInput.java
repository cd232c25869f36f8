package io.cachet.core.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import io.cachet.core.crypto.Sha256;
import io.cachet.core.types.DataJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads batch input: CSV (RFC 4180: a header row of field paths such as {@code holder.familyName}, quoted cells may
 * hold the separator, quotes as {@code ""} and line breaks; an empty cell is an absent field; a cell starting with
 * {@code [} or {@code {} is JSON, for list fields) or JSON Lines (one object per line, as for {@code cachet issue}).
 * A {@code ref} column or key is the row's reference, not data. Rows that cannot be read are problems, not
 * exceptions, so every bad row is reported at once.
 *
 * <p>As office spreadsheets save it: the CSV separator is {@code ,} or {@code ;}, told by the header row (field
 * names hold neither); the encoding is UTF-8 with or without a byte order mark, or Windows-1252 ({@link
 * InputEncoding}); a row whose cells are all empty (a spreadsheet's trailing blank row) is skipped.
 */
public final class BatchInput {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Longest CSV row or JSON line read, in characters; a longer one stops the reading with a problem. */
    public static final int MAX_ROW_CHARS = DataJson.MAX_CHARS;

    /** The rows read and the problems found while reading. */
    public record Parsed(List<BatchRow> rows, List<BatchProblem> problems) {
        public Parsed {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }
    }

    private BatchInput() {}

    /** Reads {@code file} by its extension, its encoding detected. */
    public static Parsed read(Path file) {
        return read(file, Optional.empty());
    }

    /**
     * Reads {@code file} by its extension: {@code .csv}, or {@code .jsonl} / {@code .ndjson}.
     *
     * @param encoding the file's encoding; detected when empty (UTF-8, else Windows-1252)
     * @throws CachetException USAGE for a missing file or another extension; INVALID_INPUT for a file that is not
     *     text in its encoding, or a CSV header row whose separator cannot be told
     */
    public static Parsed read(Path file, Optional<Charset> encoding) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean csv = name.endsWith(".csv");
        if (!csv && !name.endsWith(".jsonl") && !name.endsWith(".ndjson")) {
            throw CachetException.usage("batch input " + file + " must be .csv or .jsonl");
        }
        // Read as a stream: a file is never held whole in memory, and a row longer than MAX_ROW_CHARS stops it.
        Charset charset;
        try {
            charset = InputEncoding.of(file, encoding);
        } catch (NoSuchFileException e) {
            throw CachetException.usage("input file not found: " + file);
        } catch (IOException e) {
            throw CachetException.usage("cannot read " + file + ": " + e.getMessage());
        }
        try (BufferedReader reader = Files.newBufferedReader(file, charset)) {
            return csv ? csv(reader) : jsonLines(reader);
        } catch (NoSuchFileException e) {
            throw CachetException.usage("input file not found: " + file);
        } catch (CharacterCodingException e) {
            // Checked whole before reading: only a file changed meanwhile gets here.
            throw CachetException.invalidInput(
                    file + " is not " + charset.name() + " text (did it change while" + " it was read?)");
        } catch (IOException e) {
            throw CachetException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    static Parsed jsonLines(Reader reader) throws IOException {
        List<BatchRow> rows = new ArrayList<>();
        List<BatchProblem> problems = new ArrayList<>();
        StringBuilder buffer = new StringBuilder();
        int number = 0;
        for (LineEnd end = LineEnd.NEWLINE; end == LineEnd.NEWLINE; ) {
            number++;
            end = readLine(reader, buffer);
            if (end == LineEnd.TOO_LONG) {
                problems.add(new BatchProblem(number, "-", tooLong("line")));
                break;
            }
            String line = buffer.toString().strip();
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode node = DataJson.parse(line, "the line");
                if (!(node instanceof ObjectNode object)) {
                    problems.add(new BatchProblem(number, "-", "not a JSON object"));
                    continue;
                }
                Optional<String> ref = Optional.ofNullable(object.remove("ref"))
                        .map(JsonNode::asText)
                        .filter(value -> !value.isBlank());
                rows.add(new BatchRow(number, ref, object, key(ref, object)));
            } catch (CachetException e) {
                problems.add(new BatchProblem(number, "-", e.getMessage()));
            }
        }
        return new Parsed(rows, problems);
    }

    private enum LineEnd {
        NEWLINE,
        END_OF_INPUT,
        TOO_LONG
    }

    /** Reads one line into {@code line} (without its end), stopping at {@link #MAX_ROW_CHARS}. */
    private static LineEnd readLine(Reader reader, StringBuilder line) throws IOException {
        line.setLength(0);
        for (int ch = reader.read(); ch != -1; ch = reader.read()) {
            if (ch == '\n') {
                return LineEnd.NEWLINE;
            }
            if (line.length() == MAX_ROW_CHARS) {
                return LineEnd.TOO_LONG;
            }
            line.append((char) ch);
        }
        return LineEnd.END_OF_INPUT;
    }

    private static String tooLong(String what) {
        return "the " + what + " is longer than " + MAX_ROW_CHARS
                + " characters, more than any certificate's data; the rest of the file was not read";
    }

    static Parsed csv(Reader input) throws IOException {
        List<BatchRow> rows = new ArrayList<>();
        List<BatchProblem> problems = new ArrayList<>();
        List<CsvRecord> records = new ArrayList<>();
        BufferedReader reader = input instanceof BufferedReader buffered ? buffered : new BufferedReader(input);
        try {
            records = parseCsv(reader, CsvSeparator.detect(reader));
        } catch (IllegalArgumentException e) {
            problems.add(new BatchProblem(lineOf(e), "-", e.getMessage().replaceFirst("^\\d+:", "")));
            return new Parsed(rows, problems);
        }
        if (records.isEmpty()) {
            problems.add(new BatchProblem(1, "-", "no header row: the first row names the fields"));
            return new Parsed(rows, problems);
        }
        List<String> header = records.get(0).cells().stream().map(String::strip).toList();
        for (CsvRecord record : records.subList(1, records.size())) {
            if (record.cells().stream().allMatch(String::isBlank)) {
                continue;
            }
            if (record.cells().size() != header.size()) {
                problems.add(new BatchProblem(
                        record.line(),
                        "-",
                        record.cells().size() + " cells, but the header names " + header.size() + " fields"));
                continue;
            }
            ObjectNode data = JSON.createObjectNode();
            Optional<String> ref = Optional.empty();
            boolean ok = true;
            for (int c = 0; c < header.size(); c++) {
                String field = header.get(c);
                String value = record.cells().get(c);
                if (value.isEmpty()) {
                    continue;
                }
                if (field.equals("ref")) {
                    ref = Optional.of(value.strip());
                    continue;
                }
                JsonNode cell;
                if (value.startsWith("[") || value.startsWith("{")) {
                    try {
                        cell = DataJson.parse(value, "the cell");
                    } catch (CachetException e) {
                        problems.add(new BatchProblem(record.line(), field, e.getMessage()));
                        ok = false;
                        continue;
                    }
                } else {
                    cell = JSON.getNodeFactory().textNode(value);
                }
                put(data, field.split("\\."), cell);
            }
            if (ok) {
                rows.add(new BatchRow(record.line(), ref, data, key(ref, data)));
            }
        }
        return new Parsed(rows, problems);
    }

    private static int lineOf(IllegalArgumentException e) {
        String message = e.getMessage();
        int colon = message.indexOf(':');
        return Integer.parseInt(message.substring(0, colon));
    }

    private static void put(ObjectNode node, String[] path, JsonNode value) {
        ObjectNode current = node;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = current.get(path[i]);
            current = child instanceof ObjectNode object ? object : current.putObject(path[i]);
        }
        current.set(path[path.length - 1], value);
    }

    record CsvRecord(int line, List<String> cells) {}

    /**
     * RFC 4180 with either line ending and the given separator; a row's line is where it starts. A row longer than {@link #MAX_ROW_CHARS}
     * characters stops the reading (an IllegalArgumentException "LINE:problem", like every malformation).
     */
    static List<CsvRecord> parseCsv(Reader reader, char separator) throws IOException {
        List<CsvRecord> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        long recordChars = 0;
        boolean quoted = false;
        boolean any = false;
        int ch = reader.read();
        if (ch == '\uFEFF') {
            ch = reader.read();
        }
        for (; ch != -1; ch = reader.read()) {
            if (++recordChars > MAX_ROW_CHARS) {
                throw new IllegalArgumentException(recordLine + ":" + tooLong("row"));
            }
            if (quoted) {
                if (ch == '"') {
                    int next = reader.read();
                    if (next == '"') {
                        cell.append('"');
                        recordChars++;
                        continue;
                    }
                    quoted = false;
                    if (next == -1) {
                        break;
                    }
                    // The character after a closing quote is an ordinary one: handle it below.
                    ch = next;
                    recordChars++;
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    cell.append((char) ch);
                    continue;
                }
            }
            if (ch == separator) {
                cells.add(cell.toString());
                cell.setLength(0);
                any = true;
                continue;
            }
            switch (ch) {
                case '"' -> {
                    if (cell.length() > 0) {
                        throw new IllegalArgumentException(line + ":a quote inside an unquoted cell");
                    }
                    quoted = true;
                    any = true;
                }
                case '\r' -> {}
                case '\n' -> {
                    cells.add(cell.toString());
                    records.add(new CsvRecord(recordLine, List.copyOf(cells)));
                    cells.clear();
                    cell.setLength(0);
                    any = false;
                    line++;
                    recordLine = line;
                    recordChars = 0;
                }
                default -> {
                    cell.append((char) ch);
                    any = true;
                }
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(recordLine + ":a quoted cell is not closed");
        }
        if (any || cell.length() > 0) {
            cells.add(cell.toString());
            records.add(new CsvRecord(recordLine, List.copyOf(cells)));
        }
        return records;
    }

    /** {@code ref:REF}, else {@code sha256:} over the data with object keys sorted (the same data, the same key). */
    static String key(Optional<String> ref, JsonNode data) {
        if (ref.isPresent()) {
            return "ref:" + ref.get();
        }
        try {
            byte[] canonical = JSON.writeValueAsBytes(sorted(data));
            return "sha256:" + Sha256.hex(canonical);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                map.put(entry.getKey(), sorted(entry.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(sorted(item)));
            return list;
        }
        return node;
    }
}
