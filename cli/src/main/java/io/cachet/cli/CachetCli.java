package io.cachet.cli;

import io.cachet.core.CachetException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cachet} command: issues and verifies sealed administrative certificates. */
@Command(
        name = "cachet",
        mixinStandardHelpOptions = true,
        versionProvider = CachetCli.Version.class,
        description = "Issues and verifies sealed administrative certificates (OFII).",
        subcommands = {
            QuickstartCommand.class,
            InitCommand.class,
            TypesCommand.class,
            IssueCommand.class,
            PreviewCommand.class,
            VerifyCommand.class,
            ServeCommand.class,
            IssuerCommand.class,
            SealCommand.class,
            PdfCommand.class,
            KeysCommand.class,
            TrustListCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            ShowCommand.class,
            SearchCommand.class,
            LifecycleCommands.Suspend.class,
            LifecycleCommands.Reinstate.class,
            LifecycleCommands.Revoke.class,
            ReissueCommand.class,
            BatchCommand.class,
            AuditCommand.class,
            RegistryCommand.class,
            StatusListCommand.class,
            ClientsCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 success, 1 failure, 64 usage error.%n"
                    + "  cachet verify: 0 valid, 1 not authentic, 2 authentic but not current, 3 could not check.",
            "Every command takes --home DIR (else $CACHET_HOME, else ~/.cachet) and --verbose.",
            "Run `cachet COMMAND --help` for one command; the manual is in docs/."
        })
public final class CachetCli extends CommandGroup {
    /** Exit code for bad arguments or a missing file (sysexits.h EX_USAGE). */
    public static final int USAGE = 64;

    public static void main(String[] args) {
        CommandLine commandLine = commandLine(CliContext.system());
        int exitCode = commandLine.execute(args);
        // print() without a newline is not flushed by itself; System.exit would lose it.
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        System.exit(exitCode);
    }

    /** A ready command line: commands get the context, errors map to exit codes and one line on stderr. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine commandLine = new CommandLine(new CachetCli(), new ContextFactory(context));
        commandLine.setExecutionExceptionHandler(CachetCli::handleExecutionException);
        commandLine.setParameterExceptionHandler(CachetCli::handleParameterException);
        commandLine.setExitCodeExceptionMapper(e -> 1);
        return commandLine;
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("cachet: " + e.getMessage());
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return USAGE;
    }

    private static int handleExecutionException(
            Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = false;
        for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
            verbose |= level.hasMatchedOption("--verbose");
        }
        if (e instanceof CachetException cachet) {
            err.println("cachet: " + cachet.getMessage());
            cachet.problems().forEach(problem -> err.println("  - " + problem));
        } else {
            err.println("cachet: unexpected error: " + e + " (run again with --verbose for details)");
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return e instanceof CachetException cachet ? exitCode(cachet) : 1;
    }

    static int exitCode(CachetException e) {
        return e.kind() == CachetException.Kind.USAGE ? USAGE : 1;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CachetCli.class.getPackage().getImplementationVersion();
            return new String[] {"cachet " + (version == null ? "development build" : version)};
        }
    }

    /** Creates commands, handing the context to those that take it. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
