package io.cachet.core.pdf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of PDF object syntax (ISO 32000-1 §7.2, §7.3) over a byte range, for the few bytes Cachet must read
 * unambiguously itself rather than through PDFBox's lenient parser: white-space is exactly NUL, TAB, LF, FF, CR and
 * SP; comments run to the end of the line; names decode {@code #xx}; literal strings balance their parentheses and
 * honour escapes; a dictionary that repeats a key is refused (readers disagree on which value wins), as is nesting
 * deeper than {@value #MAX_DEPTH}. Every failure is an {@link IllegalArgumentException} saying where.
 *
 * <p>Values: {@code Map<String, Object>} (dictionary, keys without the slash), {@code List<Object>} (array),
 * {@link Name}, {@link Number} (Long or Double), {@code byte[]} (string), {@link Ref}, {@link Boolean},
 * {@link #NULL}.
 */
final class PdfSyntax {
    /** A name, decoded, without its slash. */
    record Name(String value) {}

    /** An indirect reference {@code N G R}. */
    record Ref(long number, int generation) {}

    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    static final int MAX_DEPTH = 32;

    private final byte[] bytes;
    private final int end;
    private final boolean strict;
    private int position;

    PdfSyntax(byte[] bytes, int start, int end) {
        this(bytes, start, end, false);
    }

    private PdfSyntax(byte[] bytes, int start, int end, boolean strict) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
        this.strict = strict;
    }

    /**
     * A reader for what a conforming writer produces after a signature and in cross-reference sections: no comment
     * (a {@code %} outside a string or stream fails), and white-space only SP, TAB, CR and LF (NUL and FF, which
     * readers disagree on, fail).
     */
    static PdfSyntax strict(byte[] bytes, int start, int end) {
        return new PdfSyntax(bytes, start, end, true);
    }

    int position() {
        return position;
    }

    void position(int position) {
        this.position = position;
    }

    boolean atEnd() {
        return position >= end;
    }

    static boolean isWhiteSpace(int b) {
        return b == 0 || b == '\t' || b == '\n' || b == '\f' || b == '\r' || b == ' ';
    }

    static boolean isDelimiter(int b) {
        return b == '(' || b == ')' || b == '<' || b == '>' || b == '[' || b == ']' || b == '{' || b == '}' || b == '/'
                || b == '%';
    }

    private int peek() {
        return position < end ? bytes[position] & 0xFF : -1;
    }

    /** Skips white-space and comments (in a strict reader, a comment, NUL or FF fails). */
    void skipSpace() {
        while (position < end) {
            int b = bytes[position] & 0xFF;
            if (strict && (b == '%' || b == 0 || b == '\f')) {
                throw fail(
                        b == '%'
                                ? "a comment, which a conforming writer does not put here"
                                : "a NUL or form feed used as white-space");
            }
            if (isWhiteSpace(b)) {
                position++;
            } else if (b == '%') {
                while (position < end && bytes[position] != '\n' && bytes[position] != '\r') {
                    position++;
                }
            } else {
                return;
            }
        }
    }

    /** The regular characters at the position (a keyword or a number), without moving. */
    String peekWord() {
        int at = position;
        while (at < end && !isWhiteSpace(bytes[at] & 0xFF) && !isDelimiter(bytes[at] & 0xFF)) {
            at++;
        }
        return new String(bytes, position, at - position, StandardCharsets.ISO_8859_1);
    }

    /** Reads the keyword {@code word} (after white-space), or fails. */
    void expectKeyword(String word) {
        skipSpace();
        String found = peekWord();
        if (!found.equals(word)) {
            throw fail("expected '" + word + "'");
        }
        position += word.length();
    }

    /** Reads a non-negative integer (after white-space), or fails. */
    long readInteger() {
        skipSpace();
        String word = peekWord();
        if (word.isEmpty() || word.length() > 12 || !word.chars().allMatch(Character::isDigit)) {
            throw fail("expected a non-negative integer");
        }
        position += word.length();
        return Long.parseLong(word);
    }

    /** Reads one value (after white-space). */
    Object readValue() {
        return readValue(0);
    }

    private Object readValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw fail("objects nested deeper than " + MAX_DEPTH);
        }
        skipSpace();
        int b = peek();
        if (b == '/') {
            return readName();
        }
        if (b == '(') {
            return readLiteralString();
        }
        if (b == '<') {
            if (position + 1 < end && bytes[position + 1] == '<') {
                return readDictionary(depth);
            }
            return readHexString();
        }
        if (b == '[') {
            position++;
            List<Object> array = new ArrayList<>();
            while (true) {
                skipSpace();
                if (peek() == ']') {
                    position++;
                    return array;
                }
                if (atEnd()) {
                    throw fail("unterminated array");
                }
                array.add(readValue(depth + 1));
            }
        }
        String word = peekWord();
        if (word.isEmpty()) {
            throw fail("unexpected character");
        }
        switch (word) {
            case "true" -> {
                position += word.length();
                return Boolean.TRUE;
            }
            case "false" -> {
                position += word.length();
                return Boolean.FALSE;
            }
            case "null" -> {
                position += word.length();
                return NULL;
            }
            default -> {
                return readNumberOrReference(word);
            }
        }
    }

    private Object readNumberOrReference(String word) {
        if (!word.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)") || word.length() > 24) {
            throw fail("unexpected token '" + shorten(word) + "'");
        }
        position += word.length();
        if (!word.matches("\\d{1,10}")) {
            return word.contains(".") ? (Number) Double.parseDouble(word) : (Number) Long.parseLong(word);
        }
        int afterFirst = position;
        skipSpace();
        String second = peekWord();
        if (second.matches("\\d{1,5}")) {
            position += second.length();
            skipSpace();
            if (peekWord().equals("R")) {
                position++;
                return new Ref(Long.parseLong(word), Integer.parseInt(second));
            }
        }
        position = afterFirst;
        return Long.parseLong(word);
    }

    private Name readName() {
        position++;
        ByteArrayOutputStream name = new ByteArrayOutputStream();
        while (position < end && !isWhiteSpace(bytes[position] & 0xFF) && !isDelimiter(bytes[position] & 0xFF)) {
            int b = bytes[position] & 0xFF;
            if (b == '#') {
                if (position + 2 >= end) {
                    throw fail("a name ends inside a #xx escape");
                }
                int high = Character.digit(bytes[position + 1], 16);
                int low = Character.digit(bytes[position + 2], 16);
                if (high < 0 || low < 0) {
                    throw fail("a name holds a bad #xx escape");
                }
                name.write(high * 16 + low);
                position += 3;
            } else {
                name.write(b);
                position++;
            }
        }
        return new Name(name.toString(StandardCharsets.ISO_8859_1));
    }

    private Map<String, Object> readDictionary(int depth) {
        position += 2;
        Map<String, Object> dictionary = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek() == '>' && position + 1 < end && bytes[position + 1] == '>') {
                position += 2;
                return dictionary;
            }
            if (peek() != '/') {
                throw fail("a dictionary key is not a name");
            }
            String key = readName().value();
            Object value = readValue(depth + 1);
            if (dictionary.put(key, value) != null) {
                throw fail("a dictionary repeats the key /" + key);
            }
        }
    }

    private byte[] readLiteralString() {
        position++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int open = 1;
        while (position < end) {
            int b = bytes[position++] & 0xFF;
            if (b == '\\') {
                if (position >= end) {
                    break;
                }
                int next = bytes[position++] & 0xFF;
                if (next == ')') {
                    refuseLineBreakAfterParenthesis();
                }
                switch (next) {
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    case 'b' -> out.write('\b');
                    case 'f' -> out.write('\f');
                    case '\r' -> {
                        if (position < end && bytes[position] == '\n') {
                            position++;
                        }
                    }
                    case '\n' -> {}
                    default -> {
                        if (next >= '0' && next <= '7') {
                            int value = next - '0';
                            for (int i = 0;
                                    i < 2 && position < end && bytes[position] >= '0' && bytes[position] <= '7';
                                    i++) {
                                value = value * 8 + (bytes[position++] - '0');
                            }
                            out.write(value & 0xFF);
                        } else {
                            out.write(next);
                        }
                    }
                }
            } else if (b == '(') {
                open++;
                out.write(b);
            } else if (b == ')') {
                if (--open == 0) {
                    return out.toByteArray();
                }
                refuseLineBreakAfterParenthesis();
                out.write(b);
            } else {
                out.write(b);
            }
        }
        throw fail("unterminated string");
    }

    /**
     * Inside a string, a {@code )} that does not close it (escaped or unbalanced) followed by a line break: PDFBox
     * guesses that such a string ends there when the next line starts with {@code /} or {@code >}, other readers
     * do not, so the rest of the dictionary would read differently. Refused whatever follows the line break.
     */
    private void refuseLineBreakAfterParenthesis() {
        if (position < end && (bytes[position] == '\r' || bytes[position] == '\n')) {
            throw fail("a string holds ')' before a line break, which readers split differently");
        }
    }

    private byte[] readHexString() {
        position++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pending = -1;
        while (position < end) {
            int b = bytes[position++] & 0xFF;
            if (b == '>') {
                if (pending >= 0) {
                    out.write(pending * 16);
                }
                return out.toByteArray();
            }
            if (isWhiteSpace(b)) {
                continue;
            }
            int digit = Character.digit(b, 16);
            if (digit < 0) {
                throw fail("a hex string holds a non-hex character");
            }
            if (pending < 0) {
                pending = digit;
            } else {
                out.write(pending * 16 + digit);
                pending = -1;
            }
        }
        throw fail("unterminated hex string");
    }

    /**
     * After a stream's dictionary: {@code stream}, one end of line (CR LF or LF), exactly {@code /Length} bytes (a
     * direct integer of at most {@code maxLength}), then {@code endstream}. Returns the raw data.
     */
    byte[] readStreamData(Map<String, Object> dictionary, int maxLength) {
        if (!(dictionary.get("Length") instanceof Long length) || length < 0 || length > maxLength) {
            throw fail("a stream's /Length is not a direct integer of at most " + maxLength);
        }
        expectKeyword("stream");
        int dataStart = position;
        if (dataStart + 1 < end && bytes[dataStart] == '\r' && bytes[dataStart + 1] == '\n') {
            dataStart += 2;
        } else if (dataStart < end && bytes[dataStart] == '\n') {
            dataStart += 1;
        } else {
            throw fail("'stream' is not followed by an end of line");
        }
        if (dataStart + length > end) {
            throw fail("a stream runs past its revision");
        }
        byte[] data = java.util.Arrays.copyOfRange(bytes, dataStart, dataStart + (int) (long) length);
        position = dataStart + (int) (long) length;
        expectKeyword("endstream");
        return data;
    }

    /**
     * A cross-reference or object stream's data, decoded: plain, or Flate within {@code limit} bytes (a failure
     * saying "inflates beyond" when the limit is passed).
     */
    static byte[] decodeFlate(Map<String, Object> dictionary, byte[] raw, int limit) {
        Object filter = dictionary.get("Filter");
        if (filter == null) {
            if (raw.length > limit) {
                throw new IllegalArgumentException("the stream inflates beyond " + limit + " bytes");
            }
            return raw;
        }
        Name flate = new Name("FlateDecode");
        if (!flate.equals(filter) && !List.of(flate).equals(filter)) {
            throw new IllegalArgumentException("the stream is not Flate-encoded");
        }
        try {
            return io.cachet.core.BoundedInflater.inflate(raw, limit);
        } catch (io.cachet.core.BoundedInflater.Failure e) {
            throw new IllegalArgumentException("the stream cannot be inflated: " + e.getMessage());
        }
    }

    IllegalArgumentException fail(String what) {
        return new IllegalArgumentException(what + " at byte " + position);
    }

    private static String shorten(String word) {
        return word.length() > 16 ? word.substring(0, 16) + "…" : word;
    }
}
