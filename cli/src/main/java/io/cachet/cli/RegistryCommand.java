package io.cachet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.RepairReport;
import io.cachet.core.report.ReportJson;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "registry",
        mixinStandardHelpOptions = true,
        header = "Maintain the certificate registry.",
        description = {"Commands about the registry itself."},
        subcommands = {RegistryCommand.Repair.class},
        footer = {"", "Example:", "  cachet registry repair"})
final class RegistryCommand extends CommandGroup {
    @Command(
            name = "repair",
            mixinStandardHelpOptions = true,
            header = "Finish or discard issuances that a crash interrupted.",
            description = {
                "Look at every certificate left PENDING by an interrupted issuance (a crash, kill -9, power cut):",
                "its PDF complete with the recorded hash → delivered (VALID, event ISSUED); no PDF → the record is",
                "removed (the id never reached anyone); a file with other content → left for a person to look at",
                "(exit 1). Temporary files beside them are deleted. Issuances started less than 15 minutes ago are",
                "left alone (another process may still be writing them) unless --include-recent is given."
            },
            footer = {"", "Example:", "  cachet registry repair"})
    static final class Repair extends CachetCommand {
        @Option(names = "--actor", paramLabel = "NAME", description = "Who repairs. Default: the OS user name.")
        String actor;

        @Option(
                names = "--json",
                description = "Print one JSON object: completed, discarded, conflicting, recent (ids).")
        boolean json;

        @Option(
                names = "--include-recent",
                description = "Also repair issuances started in the last 15 minutes: only when no other process"
                        + " can be issuing with this registry (e.g. right after a crash of the only one).")
        boolean includeRecent;

        /** Older than any issuance in progress: one certificate takes well under a second, a batch row too. */
        static final java.time.Duration MINIMUM_AGE = java.time.Duration.ofMinutes(15);

        Repair(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            RepairReport report = services()
                    .registry()
                    .repair(
                            LifecycleCommands.actor(actor),
                            clock().instant(),
                            includeRecent ? java.time.Duration.ZERO : MINIMUM_AGE);
            var out = out();
            if (json) {
                ObjectNode node = ReportJson.mapper().createObjectNode();
                ids(node.putArray("completed"), report.completed());
                ids(node.putArray("discarded"), report.discarded());
                ids(node.putArray("conflicting"), report.conflicting());
                ids(node.putArray("recent"), report.recent());
                out.println(ReportJson.toText(node));
            } else if (report.nothingToDo()) {
                out.println("Nothing to repair: no interrupted issuance.");
            } else {
                report.completed().forEach(id -> out.println("completed " + id + " (its PDF was complete)"));
                report.discarded().forEach(id -> out.println("discarded " + id + " (its PDF was never written)"));
                report.conflicting()
                        .forEach(id -> out.println("CONFLICT  " + id + ": its file holds other content; left PENDING"));
                report.recent()
                        .forEach(id -> out.println("left      " + id + ": started less than 15 minutes ago, an issuance"
                                + " may still be running (rerun later, or --include-recent)"));
            }
            return report.conflicting().isEmpty() ? 0 : 1;
        }

        private static void ids(ArrayNode array, List<CertificateId> ids) {
            ids.forEach(id -> array.add(id.value()));
        }
    }
}
