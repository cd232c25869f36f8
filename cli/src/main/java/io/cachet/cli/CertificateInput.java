package io.cachet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachet.core.CachetException;
import io.cachet.core.report.ReportJson;
import java.io.IOException;
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

    /** Reads a JSON data file; a missing file is a usage error, malformed JSON says where. */
    static JsonNode readJson(Path file) {
        try {
            return ReportJson.mapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw CachetException.usage("data file not found: " + file);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw CachetException.invalidInput(
                    file + " is not valid JSON: line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw CachetException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }
}
