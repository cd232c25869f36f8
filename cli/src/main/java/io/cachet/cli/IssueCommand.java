package io.cachet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.report.ReportJson;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "issue",
        mixinStandardHelpOptions = true,
        header = "Issue one certificate as a sealed, signed PDF/A.",
        description = {
            "Issue one certificate: validate the data, seal them in a signed QR code, render the PDF/A, sign it",
            "(PAdES) and write it. Every problem in the data is reported at once, and nothing is written then."
        },
        footer = {"", "Example:", "  cachet issue visa-validation --data yasmine.json --out yasmine.pdf"})
final class IssueCommand extends CachetCommand {
    @Mixin
    CertificateInput input;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE.pdf",
            description = "Where to write the PDF; an existing file is never overwritten.")
    Path out;

    @Option(
            names = "--json",
            description = "Print one JSON object (id, type, file, seal, issuedAt, expiresAt) instead of text.")
    boolean json;

    @Option(
            names = "--office",
            paramLabel = "CODE",
            description = "Issue for this office of the home (default: the home's own office).")
    String office;

    IssueCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        var services = services();
        IssuedCertificate issued = (office == null ? services.issuance() : services.issuance(office))
                .issue(input.type, input.data(), out, input.locale());
        int pending = services.registry().pending().size();
        if (pending > 0) {
            err().println("cachet: note: " + pending + " certificate(s) are PENDING (an issuance running now, or"
                    + " one a crash interrupted): when no other issuance runs, `cachet registry repair`"
                    + " finishes them");
        }
        var printer = out();
        if (json) {
            ObjectNode node = ReportJson.mapper().createObjectNode();
            node.put("id", issued.id().value());
            node.put("type", issued.type());
            node.put("file", issued.file().toString());
            node.put("seal", issued.seal());
            node.put("issuedAt", issued.issuedAt().toString());
            node.put("expiresAt", issued.expiresAt().map(Object::toString).orElse(null));
            node.put("sha256", issued.pdfSha256());
            printer.println(ReportJson.toText(node));
        } else {
            printer.println("Issued " + issued.type() + " " + issued.id() + " → " + issued.file());
        }
        return 0;
    }
}
