package io.cachet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.registry.AuditResult;
import io.cachet.core.report.ReportJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        header = "Check the registry's hash-chained event log.",
        description = {"Commands about the registry's audit log."},
        subcommands = {AuditCommand.Verify.class},
        footer = {"", "Example:", "  cachet audit verify"})
final class AuditCommand extends CommandGroup {
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            header = "Check every link of the event log's hash chain.",
            description = {
                "Recompute the hash chain of the event log: each entry's hash is SHA-256 over the previous entry's",
                "hash and the entry's canonical encoding (docs/operations.md). Exit 0 when intact; exit 1 naming the",
                "first broken entry (changed, removed or inserted)."
            },
            footer = {"", "Examples:", "  cachet audit verify", "  cachet audit verify --json"})
    static final class Verify extends CachetCommand {
        @Option(names = "--json", description = "Print one JSON object: intact, events, head or brokenAt, problem.")
        boolean json;

        Verify(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            AuditResult result = services().registry().verifyChain();
            var out = out();
            ObjectNode node = ReportJson.mapper().createObjectNode();
            int exit;
            String text;
            if (result instanceof AuditResult.Intact intact) {
                node.put("intact", true);
                node.put("events", intact.events());
                node.put("head", intact.headHash());
                text = "Audit chain intact: " + intact.events() + " event(s), head " + intact.headHash();
                exit = 0;
            } else {
                AuditResult.Broken broken = (AuditResult.Broken) result;
                node.put("intact", false);
                node.put("events", broken.checkedBefore());
                node.put("brokenAt", broken.seq());
                node.put("problem", broken.problem());
                text = "Audit chain BROKEN at event #" + broken.seq() + ": " + broken.problem() + " ("
                        + broken.checkedBefore() + " event(s) before it are intact)";
                exit = 1;
            }
            out.println(json ? ReportJson.toText(node) : text);
            return exit;
        }
    }
}
