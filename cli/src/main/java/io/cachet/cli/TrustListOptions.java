package io.cachet.cli;

import io.cachet.core.keys.TrustList;
import io.cachet.core.keys.TrustListFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --trust-list FILE [--root ROOT.pem]}: verify with a signed trust list instead of the home's trust store. */
final class TrustListOptions {
    @Option(
            names = "--trust-list",
            paramLabel = "FILE",
            description =
                    "Trust the signers of this signed trust list instead of the home's (no home needed with --root).")
    Path trustList;

    @Option(
            names = "--root",
            paramLabel = "ROOT.pem",
            description = "The pinned root certificate that must have signed --trust-list. Default: the home's.")
    Path root;

    /**
     * The accepted list, when {@code --trust-list} was given: its signature checked against the pinned root and its
     * expiry against the clock. Says on {@code err} which list it is and how old.
     */
    Optional<TrustList.Accepted> accepted(CliContext context, GlobalOptions global, PrintWriter err) {
        if (trustList == null) {
            return Optional.empty();
        }
        Path pinned = root != null ? root : global.home(context).rootCertificate();
        if (root == null) {
            global.home(context).config();
        }
        TrustList.Accepted accepted =
                TrustListFile.read(trustList, pinned, context.clock().instant());
        err.println(TrustListFile.describe(accepted, context.clock().instant()));
        return Optional.of(accepted);
    }
}
