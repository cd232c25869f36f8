package io.cachet.cli;

import io.cachet.core.CachetException;
import io.cachet.core.keys.TrustList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "trust-list",
        mixinStandardHelpOptions = true,
        header = "Export the signed list of signing keys that verifiers accept.",
        subcommands = TrustListCommand.Export.class)
final class TrustListCommand extends CommandGroup {
    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            header = "Write the trust list, signed by the root, for verifiers.",
            description = {
                "Lists every signing key of the home (certificate, kid, office, validity, state, revocation) with a sequence",
                "number and an expiry, signed by the root (JWS, ES256). Verifiers pin the root certificate",
                "(`cachet keys export-root`) and accept the list only when it verifies and has not expired. A verifier",
                "following the list at an address fetches it again at the interval the list names (--refresh)."
            },
            footer = {"", "Example:", "  cachet trust-list export --out trust-list.jws --valid-for P7D"})
    static final class Export extends CachetCommand {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the list.")
        Path out;

        @Option(
                names = "--valid-for",
                paramLabel = "DURATION",
                defaultValue = "P7D",
                description = "How long verifiers may use it (ISO 8601 duration). Default: ${DEFAULT-VALUE}.")
        String validFor;

        @Option(
                names = "--refresh",
                paramLabel = "DURATION",
                defaultValue = "PT60S",
                description = {
                    "How often verifiers that follow the list at an address (trust-list-url) fetch it again (ISO 8601",
                    "duration, 10 seconds to 1 day). Default: ${DEFAULT-VALUE}: a new office verifies within a minute."
                })
        String refreshEvery;

        Export(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws IOException {
            Duration validity;
            try {
                validity = Duration.parse(validFor);
            } catch (DateTimeParseException e) {
                throw CachetException.usage("--valid-for '" + validFor + "' is not an ISO 8601 duration such as P7D");
            }
            if (validity.isNegative() || validity.isZero() || validity.compareTo(Duration.ofDays(400)) > 0) {
                throw CachetException.usage("--valid-for must be between a second and 400 days");
            }
            Duration refresh;
            try {
                refresh = Duration.parse(refreshEvery);
            } catch (DateTimeParseException e) {
                throw CachetException.usage(
                        "--refresh '" + refreshEvery + "' is not an ISO 8601 duration such as PT60S");
            }
            if (refresh.compareTo(TrustList.MIN_REFRESH) < 0 || refresh.compareTo(TrustList.MAX_REFRESH) > 0) {
                throw CachetException.usage("--refresh must be between " + TrustList.MIN_REFRESH.toSeconds() + " s and "
                        + TrustList.MAX_REFRESH.toSeconds() + " s (one day), was " + refreshEvery);
            }
            if (refresh.compareTo(validity) >= 0) {
                throw CachetException.usage("--refresh (" + refresh + ") must be shorter than --valid-for (" + validity
                        + "): verifiers must fetch a new list before theirs expires");
            }
            String list = services().keys().exportTrustList(validity, refresh);
            Files.writeString(out, list);
            out().println("Wrote the signed trust list to " + out + " (valid for " + validity + ", fetched again every "
                    + refresh + ")");
            return 0;
        }
    }
}
