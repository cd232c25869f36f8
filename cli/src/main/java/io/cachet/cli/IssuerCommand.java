package io.cachet.cli;

import io.cachet.core.CachetException;
import io.cachet.core.services.CachetServices;
import io.cachet.issuer.IssuerApp;
import io.cachet.issuer.OidcSettings;
import io.cachet.issuer.TokenVerifier;
import io.cachet.issuer.ui.UiSettings;
import io.javalin.Javalin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "issuer",
        mixinStandardHelpOptions = true,
        header = "The issuing service: an authenticated HTTP API for offices and their case systems.",
        subcommands = {IssuerCommand.Serve.class})
final class IssuerCommand extends CommandGroup {

    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            header = "Start the issuing service on this home (its key, registry and types).",
            description = {
                "Start the issuing service: POST /api/v1/certificates issues, GET /api/v1/certificates/{id} reads,",
                "/pdf fetches the file, search, suspend, reinstate and revoke; GET /api/v1/types lists the types;",
                "/health says whether the registry, the signing key, the timestamp authority and the OpenID provider",
                "can be used. It holds the office's signing key while it runs: bind it to an internal network, behind a",
                "TLS proxy.",
                "",
                "Every /api/ request carries Authorization: Bearer <token> from the organisation's OpenID Connect",
                "provider, verified here with the provider's published keys: issuer.oidc.issuer",
                "(CACHET_ISSUER_OIDC_ISSUER), issuer.oidc.audience (CACHET_ISSUER_OIDC_AUDIENCE) and",
                "issuer.oidc.roles-claim (CACHET_ISSUER_OIDC_ROLES_CLAIM, default roles) in cachet.properties or the",
                "environment. Roles: cachet.issue, cachet.manage, cachet.read. Every act is recorded under the",
                "token's identity (oidc:<sub> (<name>)). Each caller may make issuer.rate-limit-per-minute",
                "(CACHET_ISSUER_RATE_LIMIT_PER_MINUTE, default 600) requests a minute. See docs/issuer-service.md.",
                "",
                "With issuer.oidc.client-id (CACHET_ISSUER_OIDC_CLIENT_ID), optionally issuer.oidc.client-secret",
                "(CACHET_ISSUER_OIDC_CLIENT_SECRET), and issuer.ui.url (CACHET_ISSUER_UI_URL, the address browsers",
                "reach the service at), it also serves pages for agents under /ui: sign-in with the same provider,",
                "issue from a form, search, revoke. See docs/issuer-ui.md."
            },
            footer = {
                "",
                "Example:",
                "  CACHET_ISSUER_OIDC_ISSUER=https://login.example.org/realms/ofii \\",
                "  CACHET_ISSUER_OIDC_AUDIENCE=cachet-issuer cachet issuer serve --port 8081"
            })
    static final class Serve extends CachetCommand {
        @Option(
                names = "--port",
                paramLabel = "N",
                defaultValue = "8081",
                description = "TCP port. Default: ${DEFAULT-VALUE}.")
        int port;

        @Option(
                names = "--bind",
                paramLabel = "ADDRESS",
                defaultValue = "127.0.0.1",
                description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only; give the internal"
                        + " network's address to serve it there).")
        String bind;

        Serve(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws Exception {
            if (port < 0 || port > 65_535) {
                throw CachetException.usage("--port must be from 0 to 65535, was " + port);
            }
            CachetServices services = services();
            OidcSettings oidc = OidcSettings.from(services.config().serviceSettings(), environment());
            TokenVerifier tokens = TokenVerifier.of(oidc, clock());
            IssuerApp.Limits limits =
                    new IssuerApp.Limits(rateLimit(services.config().serviceSettings()));
            Javalin app = IssuerApp.create(
                            new IssuerApp.Services(
                                    services.issuance(),
                                    services.registry(),
                                    services.catalog(),
                                    services.home().issuedDirectory(),
                                    services.preview(),
                                    services.verification(),
                                    clock()),
                            tokens,
                            limits,
                            UiSettings.from(services.config().serviceSettings(), environment()))
                    .start(bind, port);
            out().println("Issuing service of office " + services.config().officeCode() + " running on http://" + bind
                    + ":" + app.port() + "/ (tokens of " + oidc.issuer() + ", audience " + oidc.audience()
                    + "; Ctrl-C to stop)");
            out().flush();
            WebServer.awaitShutdown(app);
            return 0;
        }

        /** {@code issuer.rate-limit-per-minute} (CACHET_ISSUER_RATE_LIMIT_PER_MINUTE): requests a minute per caller. */
        private int rateLimit(java.util.Map<String, String> file) {
            String value = environment().getOrDefault("CACHET_ISSUER_RATE_LIMIT_PER_MINUTE", "");
            if (value.isBlank()) {
                value = file.getOrDefault("issuer.rate-limit-per-minute", "");
            }
            if (value.isBlank()) {
                return IssuerApp.Limits.defaults().requestsPerMinute();
            }
            try {
                int perMinute = Integer.parseInt(value.strip());
                if (perMinute >= 0) {
                    return perMinute;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw CachetException.configuration("issuer.rate-limit-per-minute (CACHET_ISSUER_RATE_LIMIT_PER_MINUTE)"
                    + " must be a whole number of requests a minute per caller, 0 for no limit; was " + value);
        }
    }
}
