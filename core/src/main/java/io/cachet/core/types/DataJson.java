package io.cachet.core.types;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cachet.core.CachetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads certificate data written as JSON ({@code cachet issue --data}, a JSON Lines batch row, a JSON cell of a CSV
 * batch) strictly: a key given twice in one object is refused (rather than the last one silently winning), nesting is
 * limited to {@value #MAX_DEPTH} levels (certificate data need three: {@code beneficiaries[0].givenNames}), one text
 * to {@value #MAX_CHARS} characters, and nothing may follow the value. Every refusal is an INVALID_INPUT
 * {@link CachetException} that names the input and, where the parser knows it, the line and column.
 */
public final class DataJson {
    /** Deepest nesting of objects and arrays accepted. */
    public static final int MAX_DEPTH = 32;

    /** Longest data text accepted, in characters: far more than any certificate's data. */
    public static final int MAX_CHARS = 1 << 20;

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_CHARS)
                            .maxDocumentLength(MAX_CHARS)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private DataJson() {}

    /**
     * Parses {@code text} as JSON.
     *
     * @param source how the input is named in errors, e.g. a file name
     * @throws CachetException INVALID_INPUT when the text is not valid JSON or breaks a rule above
     */
    public static JsonNode parse(String text, String source) {
        if (text.length() > MAX_CHARS) {
            throw CachetException.invalidInput(
                    source + " has " + text.length() + " characters; certificate data are at most " + MAX_CHARS);
        }
        try {
            return STRICT.readTree(text);
        } catch (StreamConstraintsException e) {
            String message = String.valueOf(e.getOriginalMessage());
            throw CachetException.invalidInput(
                    message.contains("nesting depth")
                            ? source + " is nested deeper than " + MAX_DEPTH
                                    + " levels of objects and arrays; certificate data need at most 3"
                            : source + " is too large: " + message);
        } catch (JsonProcessingException e) {
            String message = String.valueOf(e.getOriginalMessage());
            Matcher duplicate = DUPLICATE.matcher(message);
            if (duplicate.matches()) {
                throw CachetException.invalidInput(source + where(e.getLocation()) + ": the key '" + duplicate.group(1)
                        + "' appears twice in the same object; give it once");
            }
            throw CachetException.invalidInput(source + " is not valid JSON" + where(e.getLocation()) + ": "
                    + message.lines().findFirst().orElse(""));
        }
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1
                ? ""
                : ", line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
