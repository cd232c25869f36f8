package io.cachet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.Registry;
import io.cachet.core.report.ReportJson;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        header = "Show a certificate's record and history from the registry.",
        description = {
            "Show what the registry holds about a certificate: type, holder, dates, status (EXPIRED when past its",
            "expiry), hashes, file, and every event (issued, suspended, reinstated, revoked, superseded) with who,",
            "when and why. A mistyped id is detected by its check character."
        },
        footer = {"", "Examples:", "  cachet show 7K2M-9QXH-4TWD-R8NB-5", "  cachet show 7k2m9qxh4twdr8nb5 --json"})
final class ShowCommand extends CachetCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Certificate id; case, spaces and dashes are ignored.")
    String id;

    @Option(names = "--json", description = "Print one JSON object: the record, with its events under `history`.")
    boolean json;

    ShowCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        CertificateId certificate = CertificateId.parse(id);
        Registry registry = services().registry();
        CertificateRecord record = registry.get(certificate);
        var history = registry.history(certificate);
        Instant now = clock().instant();
        var out = out();
        if (json) {
            ObjectNode node = RecordOutput.json(record, now);
            node.set("history", RecordOutput.json(history));
            out.println(ReportJson.toText(node));
        } else {
            RecordOutput.print(record, now, out);
            out.println("  history:");
            RecordOutput.print(history, out);
        }
        return 0;
    }
}
