package io.cachet.cli;

import io.cachet.core.CachetException;
import io.cachet.core.issue.IssueOptions;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.Registry;
import io.cachet.core.report.ReportJson;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cachet revoke}, {@code suspend} and {@code reinstate}: status changes recorded in the registry. */
final class LifecycleCommands {
    private LifecycleCommands() {}

    /** What the three commands share: the id, the actor, the output. */
    abstract static class StatusChange extends CachetCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Certificate id (XXXX-XXXX-XXXX-XXXX-C).")
        String id;

        @Option(
                names = "--actor",
                paramLabel = "NAME",
                description = "Who makes the change, for the audit log. Default: the OS user name.")
        String actor;

        @Option(names = "--json", description = "Print the updated record as one JSON object.")
        boolean json;

        StatusChange(CliContext context) {
            super(context);
        }

        abstract Registry.Change change();

        abstract Optional<String> reason();

        @Override
        public Integer call() {
            CertificateId certificate = CertificateId.parse(id);
            Registry registry = services().registry();
            CertificateRecord record =
                    registry.change(certificate, change(), actor(actor), reason(), clock().instant());
            var out = out();
            if (json) {
                out.println(ReportJson.toText(RecordOutput.json(record, clock().instant())));
            } else {
                out.println(certificate + " is now " + record.status()
                        + reason().map(r -> " (" + r + ")").orElse(""));
            }
            return 0;
        }
    }

    static String actor(String option) {
        if (option == null) {
            return IssueOptions.currentUser();
        }
        if (option.isBlank()) {
            throw CachetException.usage("--actor must not be blank");
        }
        return option.strip();
    }

    static String reasonText(String reason) {
        if (reason == null || reason.isBlank()) {
            throw CachetException.usage("--reason must say why (it is kept in the audit log)");
        }
        return reason.strip();
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            header = "Revoke a certificate for good.",
            description = {
                "Revoke a certificate: from now on every verifier that consults the registry answers REVOKED.",
                "A revoked certificate cannot be reinstated; revoking twice is refused."
            },
            footer = {"", "Example:", "  cachet revoke 7K2M-9QXH-4TWD-R8NB-5 --reason 'obtained by fraud'"})
    static final class Revoke extends StatusChange {
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept in the audit log).")
        String reason;

        Revoke(CliContext context) {
            super(context);
        }

        @Override
        Registry.Change change() {
            return Registry.Change.REVOKE;
        }

        @Override
        Optional<String> reason() {
            return Optional.of(reasonText(reason));
        }
    }

    @Command(
            name = "suspend",
            mixinStandardHelpOptions = true,
            header = "Suspend a certificate until it is reinstated or revoked.",
            description = {
                "Suspend a valid certificate: verifiers answer SUSPENDED until `cachet reinstate` or `cachet revoke`."
            },
            footer = {"", "Example:", "  cachet suspend 7K2M-9QXH-4TWD-R8NB-5 --reason 'identity check pending'"})
    static final class Suspend extends StatusChange {
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept in the audit log).")
        String reason;

        Suspend(CliContext context) {
            super(context);
        }

        @Override
        Registry.Change change() {
            return Registry.Change.SUSPEND;
        }

        @Override
        Optional<String> reason() {
            return Optional.of(reasonText(reason));
        }
    }

    @Command(
            name = "reinstate",
            mixinStandardHelpOptions = true,
            header = "Make a suspended certificate valid again.",
            description = {"Reinstate a suspended certificate. Only a suspended certificate can be reinstated."},
            footer = {"", "Example:", "  cachet reinstate 7K2M-9QXH-4TWD-R8NB-5 --reason 'identity confirmed'"})
    static final class Reinstate extends StatusChange {
        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (optional; kept in the audit log).")
        String reason;

        Reinstate(CliContext context) {
            super(context);
        }

        @Override
        Registry.Change change() {
            return Registry.Change.REINSTATE;
        }

        @Override
        Optional<String> reason() {
            return reason == null || reason.isBlank() ? Optional.empty() : Optional.of(reason.strip());
        }
    }
}
