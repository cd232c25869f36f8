package io.cachet.cli;

import io.cachet.core.CachetException;
import io.cachet.core.keys.Pem;
import io.cachet.core.keys.TrustList;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        String text;
        try {
            text = Files.readString(trustList, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CachetException.usage("trust list not found: " + trustList);
        } catch (IOException e) {
            throw CachetException.usage("cannot read " + trustList + ": " + e.getMessage());
        }
        TrustList.Accepted accepted = TrustList.read(
                text, Pem.readCertificates(pinned).get(0), context.clock().instant());
        err.println("Trust list #" + accepted.sequence() + " issued " + accepted.issuedAt() + " ("
                + accepted.age(context.clock().instant()).toHours() + " h old), expires " + accepted.expiresAt());
        return Optional.of(accepted);
    }
}
