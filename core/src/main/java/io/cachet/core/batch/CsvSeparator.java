package io.cachet.core.batch;

import io.cachet.core.CachetException;
import io.cachet.core.types.HiddenCharacters;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * The separator of a CSV file, told by its header row: {@code ,} (RFC 4180, and spreadsheets in English) or
 * {@code ;} (what a French spreadsheet writes, since its decimal separator is the comma). Field names hold neither,
 * so the header holds exactly one of them; both, or neither, is an error that shows the header.
 */
final class CsvSeparator {
    private static final int SHOWN_CHARS = 200;

    private CsvSeparator() {}

    /**
     * Reads the header row (outside quotes, up to its line end or {@link BatchInput#MAX_ROW_CHARS}) and puts
     * {@code reader} back where it was.
     *
     * @throws CachetException INVALID_INPUT when the header holds both separators or neither
     */
    static char detect(BufferedReader reader) throws IOException {
        reader.mark(BatchInput.MAX_ROW_CHARS + 2);
        StringBuilder header = new StringBuilder();
        boolean quoted = false;
        int commas = 0;
        int semicolons = 0;
        for (int ch = reader.read(); ch != -1 && header.length() <= BatchInput.MAX_ROW_CHARS; ch = reader.read()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                break;
            } else if (!quoted && ch == ',') {
                commas++;
            } else if (!quoted && ch == ';') {
                semicolons++;
            }
            header.append((char) ch);
        }
        reader.reset();
        if (commas > 0 && semicolons == 0) {
            return ',';
        }
        if (semicolons > 0 && commas == 0) {
            return ';';
        }
        if (header.isEmpty() || header.toString().equals("\uFEFF")) {
            // An empty file: no header to tell by; the reading says what is missing.
            return ',';
        }
        String shown = shown(header.toString());
        if (commas > 0) {
            throw CachetException.invalidInput("the header row '" + shown + "' holds both ',' and ';': field names hold"
                    + " neither, so which one separates the fields cannot be told; keep one separator");
        }
        throw CachetException.invalidInput("the header row '" + shown + "' holds neither ',' nor ';' between field"
                + " names" + (header.indexOf("\t") >= 0 ? " (it is separated by tabs)" : "")
                + ": save the file as CSV, with the field names (holder.familyName…) separated by ',' or ';'");
    }

    private static String shown(String header) {
        String text = header.startsWith("\uFEFF") ? header.substring(1) : header;
        text = text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "…" : text;
        return HiddenCharacters.reveal(text);
    }
}
