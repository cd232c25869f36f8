package io.cachet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.registry.ApiClient;
import io.cachet.core.registry.ApiClients;
import io.cachet.core.report.ReportJson;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "clients",
        mixinStandardHelpOptions = true,
        header = "Manage the API keys of registered administrations' systems.",
        description = {
            "API clients may read certificate records and their history through GET /api/v1/certificates/{id} of",
            "the web verifier (cachet serve on this home), with Authorization: Bearer <key>. Keys are stored only",
            "as a hash in the registry; every access is logged (client, time, id, outcome)."
        },
        subcommands = {ClientsCommand.Add.class, ClientsCommand.Revoke.class, ClientsCommand.ListClients.class},
        footer = {
            "",
            "Examples:",
            "  cachet clients add prefecture-69.sysinfo",
            "  cachet clients list",
            "  cachet clients revoke prefecture-69.sysinfo"
        })
final class ClientsCommand extends CommandGroup {
    static ObjectNode json(ApiClient client) {
        ObjectNode node = ReportJson.mapper().createObjectNode();
        node.put("name", client.name());
        node.put("createdAt", client.createdAt().toString());
        node.put("revokedAt", client.revokedAt().map(Instant::toString).orElse(null));
        return node;
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            header = "Register a client and print its new API key, once.",
            description = {
                "Register an administration's system under NAME (1 to 64 letters, digits, dashes or dots) and print",
                "its API key: cachet_ followed by 43 characters. The key is shown this once and cannot be shown",
                "again (only its hash is kept): hand it over through a secure channel. A name is never reused."
            },
            footer = {"", "Example:", "  cachet clients add prefecture-69.sysinfo"})
    static final class Add extends CachetCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The client's name.")
        String name;

        @Option(names = "--json", description = "Print one JSON object: name, createdAt, key.")
        boolean json;

        Add(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            ApiClients.validName(name);
            ApiClients.NewClient added = services().registry().clients().add(name, clock().instant());
            var out = out();
            if (json) {
                ObjectNode node = ClientsCommand.json(added.client());
                node.remove("revokedAt");
                node.put("key", added.key());
                out.println(ReportJson.toText(node));
            } else {
                out.println("API client " + name + " added. Its key, shown once (it will not be shown again):");
                out.println(added.key());
            }
            return 0;
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            header = "Revoke a client's API key at once.",
            description = {"From now on the key is refused (401). The client stays listed as revoked."},
            footer = {"", "Example:", "  cachet clients revoke prefecture-69.sysinfo"})
    static final class Revoke extends CachetCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The client's name.")
        String name;

        @Option(names = "--json", description = "Print one JSON object: name, createdAt, revokedAt.")
        boolean json;

        Revoke(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            ApiClients.validName(name);
            ApiClient client = services().registry().clients().revoke(name, clock().instant());
            var out = out();
            if (json) {
                out.println(ReportJson.toText(ClientsCommand.json(client)));
            } else {
                out.println("API client " + name + " revoked on "
                        + client.revokedAt().orElseThrow() + ".");
            }
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            header = "List the API clients (never their keys).",
            description = {"Every client with when it was added and, if so, revoked."},
            footer = {"", "Example:", "  cachet clients list --json"})
    static final class ListClients extends CachetCommand {
        @Option(names = "--json", description = "Print one JSON object: clients (name, createdAt, revokedAt).")
        boolean json;

        ListClients(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            java.util.List<ApiClient> clients = services().registry().clients().list();
            var out = out();
            if (json) {
                ObjectNode node = ReportJson.mapper().createObjectNode();
                ArrayNode array = node.putArray("clients");
                clients.forEach(client -> array.add(ClientsCommand.json(client)));
                out.println(ReportJson.toText(node));
            } else if (clients.isEmpty()) {
                out.println("No API client. Add one with: cachet clients add NAME");
            } else {
                for (ApiClient client : clients) {
                    out.println(client.name() + "  added " + client.createdAt()
                            + client.revokedAt().map(at -> "  REVOKED " + at).orElse("  active"));
                }
            }
            return 0;
        }
    }
}
