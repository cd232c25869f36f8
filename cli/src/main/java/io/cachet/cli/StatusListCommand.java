package io.cachet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import io.cachet.core.files.SecureFiles;
import io.cachet.core.report.ReportJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "status-list",
        mixinStandardHelpOptions = true,
        header = "Publish the office's signed status list.",
        description = {"Commands about the status list (IETF Token Status List, CWT form)."},
        subcommands = {StatusListCommand.Export.class},
        footer = {"", "Example:", "  cachet status-list export --out status-list.cwt"})
final class StatusListCommand extends CommandGroup {
    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            header = "Write the signed, compressed status list of every certificate.",
            description = {
                "Write the office's status list as a Token Status List CWT (application/statuslist+cwt): 2 bits per",
                "certificate at its random index (0 valid, 1 revoked or superseded, 2 suspended), at least 131,072",
                "entries, zlib-compressed, signed (ES256) with the office key. Others can then check any number of",
                "certificates offline without telling the office which ones. Needs the keystore passphrase."
            },
            footer = {
                "",
                "Examples:",
                "  cachet status-list export --out status-list.cwt",
                "  cachet status-list export --out /srv/www/sl.cwt --valid-for PT48H --ttl PT1H"
            })
    static final class Export extends CachetCommand {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write it (replaced).")
        Path out;

        @Option(
                names = "--valid-for",
                paramLabel = "DURATION",
                defaultValue = "P1D",
                description = "How long relying parties may use it (exp), ISO 8601 (default P1D).")
        String validFor;

        @Option(
                names = "--ttl",
                paramLabel = "DURATION",
                defaultValue = "PT1H",
                description = "How soon relying parties should fetch it again (ttl), ISO 8601 (default PT1H).")
        String ttl;

        @Option(names = "--json", description = "Print one JSON object: file, uri, bytes.")
        boolean json;

        Export(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            var services = services();
            byte[] token = services.statusList().export(duration(validFor, "--valid-for"), duration(ttl, "--ttl"));
            try {
                SecureFiles.writePublic(out, token);
            } catch (IOException e) {
                throw CachetException.usage("cannot write " + out + ": " + e.getMessage());
            }
            var printer = out();
            if (json) {
                ObjectNode node = ReportJson.mapper().createObjectNode();
                node.put("file", out.toString());
                node.put("uri", services.statusListUri());
                node.put("bytes", token.length);
                printer.println(ReportJson.toText(node));
            } else {
                printer.println(
                        "Status list " + services.statusListUri() + " → " + out + " (" + token.length + " bytes)");
            }
            return 0;
        }

        private static Duration duration(String text, String option) {
            try {
                Duration duration = Duration.parse(text);
                if (duration.isNegative() || duration.isZero()) {
                    throw CachetException.usage(option + " must be positive");
                }
                return duration;
            } catch (DateTimeParseException e) {
                throw CachetException.usage(option + " '" + text + "' is not an ISO 8601 duration like PT1H");
            }
        }
    }
}
