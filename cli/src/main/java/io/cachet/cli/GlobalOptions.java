package io.cachet.cli;

import io.cachet.core.home.CachetHome;
import io.cachet.core.services.CachetServices;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command takes. */
public final class GlobalOptions {
    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "Cachet home (keys, registry, configuration). Default: $CACHET_HOME, else ~/.cachet.")
    Path home;

    @Option(
            names = "--templates",
            paramLabel = "DIR",
            description =
                    "Use the certificate types in DIR (DIR/types/<type>/, DIR/fonts/) instead of the bundled ones.")
    Path templates;

    @Option(names = "--verbose", description = "On errors, also print the stack trace.")
    boolean verbose;

    CachetHome home(CliContext context) {
        return CachetHome.resolve(Optional.ofNullable(home), context.environment());
    }

    CachetServices services(CliContext context) {
        return new CachetServices(
                home(context), Optional.ofNullable(templates), context.environment(), context.clock());
    }
}
