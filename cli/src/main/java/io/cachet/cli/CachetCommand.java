package io.cachet.cli;

import static java.util.Objects.requireNonNull;

import io.cachet.core.home.CachetHome;
import io.cachet.core.services.CachetServices;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command that does work shares: the options every command takes ({@link GlobalOptions}), its picocli
 * spec, and the outside world ({@link CliContext}), handed to its constructor by {@link CachetCli}'s factory. A
 * command holds only its own options; it returns its exit code, and throws a {@code CachetException} that
 * {@link CachetCli} maps to one line on stderr and an exit code.
 */
abstract class CachetCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    CachetCommand(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    /** The environment and the clock this command runs with. */
    final CliContext context() {
        return context;
    }

    /** The clock this command reads "now" from (fixed in tests). */
    final Clock clock() {
        return context.clock();
    }

    /** The environment variables this command sees. */
    final Map<String, String> environment() {
        return context.environment();
    }

    /** Where results go (stdout, or what a test captures). */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where diagnostics and progress go (stderr, or what a test captures). */
    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The home named by {@code --home}, else {@code $CACHET_HOME}, else {@code ~/.cachet}. */
    final CachetHome home() {
        return global.home(context);
    }

    /** Core's services over {@link #home()}, with the types of {@code --templates} when given. */
    final CachetServices services() {
        return global.services(context);
    }
}
