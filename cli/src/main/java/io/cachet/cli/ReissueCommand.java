package io.cachet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.issue.Reissuance;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.report.ReportJson;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "reissue",
        mixinStandardHelpOptions = true,
        header = "Issue a corrected certificate that supersedes an earlier one.",
        description = {
            "Issue a corrected certificate of the same type from new data. When its PDF is written, the earlier",
            "certificate becomes SUPERSEDED and points to the new one; verifiers of the old one are told so.",
            "A revoked or already superseded certificate cannot be reissued."
        },
        footer = {"", "Example:", "  cachet reissue 7K2M-9QXH-4TWD-R8NB-5 --data corrected.json --out corrected.pdf"})
final class ReissueCommand extends CachetCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The certificate to correct.")
    String id;

    @Option(names = "--data", required = true, paramLabel = "FILE.json", description = "The corrected data.")
    Path data;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE.pdf",
            description = "Where to write the new PDF; an existing file is never overwritten.")
    Path out;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "fr", description = "fr (default) or en.")
    String lang;

    @Option(names = "--actor", paramLabel = "NAME", description = "Who reissues. Default: the OS user name.")
    String actor;

    @Option(names = "--json", description = "Print one JSON object (id, supersedes, type, file, seal, sha256).")
    boolean json;

    ReissueCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        CertificateId old = CertificateId.parse(id);
        JsonNode input = CertificateInput.readJson(data);
        if (Files.exists(out)) {
            throw CachetException.conflict(
                    "the output file " + out + " already exists: choose another --out (nothing was overwritten)");
        }
        Reissuance.Result result = services()
                .reissuance()
                .reissue(new Reissuance.Request(
                        old, input, newId -> out, Languages.parse(lang), LifecycleCommands.actor(actor)));
        IssuedCertificate issued = result.issued();
        var printer = out();
        if (json) {
            ObjectNode node = ReportJson.mapper().createObjectNode();
            node.put("id", issued.id().value());
            node.put("supersedes", result.superseded().value());
            node.put("type", issued.type());
            node.put("file", issued.file().toString());
            node.put("seal", issued.seal());
            node.put("sha256", issued.pdfSha256());
            printer.println(ReportJson.toText(node));
        } else {
            printer.println("Issued " + issued.type() + " " + issued.id() + " → " + issued.file() + "; "
                    + result.superseded() + " is now SUPERSEDED");
        }
        return 0;
    }
}
