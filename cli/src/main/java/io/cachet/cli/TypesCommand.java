package io.cachet.cli;

import io.cachet.core.types.CertificateType;
import io.cachet.core.types.FieldSpec;
import io.cachet.core.types.TypeCatalog;
import io.cachet.core.types.rules.BusinessRule;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "types",
        mixinStandardHelpOptions = true,
        header = "List the certificate types (id, title, required fields).",
        description = "List the certificate types: id, title and required fields.",
        subcommands = TypesCommand.Show.class)
final class TypesCommand extends CachetCommand {
    TypesCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        TypeCatalog catalog = services().catalog();
        var out = out();
        for (CertificateType type : catalog.types()) {
            out.println(type.id() + "  " + type.title());
            out.println("    required: "
                    + type.requiredFields().stream().map(FieldSpec::name).collect(Collectors.joining(", ")));
            if (!type.rules().isEmpty()) {
                out.println("    rules: "
                        + type.rules().stream().map(BusinessRule::name).collect(Collectors.joining(", ")));
            }
        }
        return 0;
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            header = "Show one type: fields, rules and sample data.",
            description = "Show one type: its fields, its rules and a sample of valid data.")
    static final class Show extends CachetCommand {
        @Parameters(index = "0", paramLabel = "TYPE", description = "The type id.")
        String type;

        @Option(names = "--sample", description = "Print only the sample JSON (valid input for `cachet issue`).")
        boolean sampleOnly;

        Show(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            CertificateType certificateType = services().catalog().get(type);
            var out = out();
            if (sampleOnly) {
                out.print(certificateType.sampleJson());
                return 0;
            }
            out.println(certificateType.id() + " — " + certificateType.title());
            certificateType.validity().ifPresent(v -> out.println("Valid for " + v + " after issue."));
            out.println();
            out.println("Fields:");
            for (FieldSpec field : certificateType.fields()) {
                printField(out, "", field);
                for (FieldSpec item : field.fields()) {
                    printField(out, field.name() + "[].", item);
                }
            }
            if (!certificateType.dateOrder().isEmpty()
                    || !certificateType.rules().isEmpty()) {
                out.println();
                out.println("Rules:");
                certificateType
                        .dateOrder()
                        .forEach(group -> out.println("  dates in order: " + String.join(" ≤ ", group)));
                certificateType.rules().forEach(rule -> out.println("  " + rule.name() + ": " + rule.description()));
            }
            out.println();
            out.println("Sample data:");
            out.print(certificateType.sampleJson());
            return 0;
        }

        /** One line per field; a list's item fields follow it as {@code list[].field}. */
        private static void printField(java.io.PrintWriter out, String prefix, FieldSpec field) {
            out.printf(
                    "  %-36s %-6s %-9s %s%s%n",
                    prefix + field.name(),
                    field.kind().name().toLowerCase(),
                    field.required() ? "required" : "optional",
                    field.label(),
                    field.values().isEmpty() ? "" : " " + field.values());
        }
    }
}
