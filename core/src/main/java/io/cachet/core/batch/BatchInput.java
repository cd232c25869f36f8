package io.cachet.core.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads batch input: CSV (RFC 4180: a header row of field paths such as {@code holder.familyName}, quoted cells may
 * hold commas, quotes as {@code ""} and line breaks; an empty cell is an absent field; a cell starting with
 * {@code [} or {@code {} is JSON, for list fields) or JSON Lines (one object per line, as for {@code cachet issue}).
 * A {@code ref} column or key is the row's reference, not data. Rows that cannot be read are problems, not
 * exceptions, so every bad row is reported at once.
 */
public final class BatchInput {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The rows read and the problems found while reading. */
    public record Parsed(List<BatchRow> rows, List<BatchProblem> problems) {
        public Parsed {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }
    }

    private BatchInput() {}

    /** Reads {@code file} by its extension: {@code .csv}, or {@code .jsonl} / {@code .ndjson}. */
    public static Parsed read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CachetException.usage("input file not found: " + file);
        } catch (IOException e) {
            throw CachetException.usage("cannot read " + file + ": " + e.getMessage());
        }
        if (name.endsWith(".csv")) {
            return csv(text);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return jsonLines(text);
        }
        throw CachetException.usage("batch input " + file + " must be .csv or .jsonl");
    }

    static Parsed jsonLines(String text) {
        List<BatchRow> rows = new ArrayList<>();
        List<BatchProblem> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if (!(node instanceof ObjectNode object)) {
                    problems.add(new BatchProblem(i + 1, "-", "not a JSON object"));
                    continue;
                }
                Optional<String> ref = Optional.ofNullable(object.remove("ref"))
                        .map(JsonNode::asText)
                        .filter(value -> !value.isBlank());
                rows.add(new BatchRow(i + 1, ref, object, key(ref, object)));
            } catch (IOException e) {
                problems.add(new BatchProblem(
                        i + 1,
                        "-",
                        "not valid JSON: " + e.getMessage().lines().findFirst().orElse("")));
            }
        }
        return new Parsed(rows, problems);
    }

    static Parsed csv(String text) {
        List<BatchRow> rows = new ArrayList<>();
        List<BatchProblem> problems = new ArrayList<>();
        List<CsvRecord> records = new ArrayList<>();
        try {
            records = parseCsv(text);
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
            if (record.cells().size() == 1 && record.cells().get(0).isBlank()) {
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
                        cell = JSON.readTree(value);
                    } catch (IOException e) {
                        problems.add(new BatchProblem(record.line(), field, "not valid JSON"));
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

    /** RFC 4180 with either line ending; a row's line is where it starts. */
    static List<CsvRecord> parseCsv(String text) {
        List<CsvRecord> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean any = false;
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    cell.append(ch);
                }
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
                case ',' -> {
                    cells.add(cell.toString());
                    cell.setLength(0);
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
                }
                default -> {
                    cell.append(ch);
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
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException | NoSuchAlgorithmException e) {
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
