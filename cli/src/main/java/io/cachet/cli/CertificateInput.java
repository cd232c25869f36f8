package io.cachet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachet.core.CachetException;
import io.cachet.core.types.DataJson;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code TYPE --data FILE.json [--lang fr|en]}: what `issue` and `preview` render. */
final class CertificateInput {
    @Parameters(index = "0", paramLabel = "TYPE", description = "Certificate type (see `cachet types`).")
    String type;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "FILE.json",
            description = "The certificate's data (see `cachet types show TYPE`).")
    Path data;

    @Option(
            names = "--lang",
            paramLabel = "LANG",
            defaultValue = "fr",
            description = "Language of the document: fr (default) or en.")
    String lang;

    JsonNode data() {
        return readJson(data);
    }

    Locale locale() {
        return Languages.parse(lang);
    }

    /**
     * Reads a JSON data file strictly ({@link DataJson}: no repeated key, limited depth and size); a missing file is a
     * usage error, malformed or oversized data say what and where.
     */
    static JsonNode readJson(Path file) {
        try {
            long size = Files.size(file);
            if (size > DataJson.MAX_CHARS) {
                throw CachetException.invalidInput(
                        file + " has " + size + " bytes; certificate data are at most " + DataJson.MAX_CHARS);
            }
            return DataJson.parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw CachetException.usage("data file not found: " + file);
        } catch (MalformedInputException e) {
            throw CachetException.invalidInput(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw CachetException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }
}
