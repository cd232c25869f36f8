package io.cachet.cli;

import io.cachet.core.home.HomeBackup;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        header = "Restore an encrypted backup into a new home.",
        description = {
            "Decrypts a backup made by `cachet backup` (passphrase in CACHET_BACKUP_PASSWORD) into the home named by",
            "--home, which must not exist yet or be empty: a restore never overwrites a home. Every file and folder",
            "gets the permissions it had when the backup was made (keys and registry.db 0600); a backup made before",
            "Cachet recorded them gets the modes a new home has (keys/ and registry.db 0600, the rest 0644)."
        },
        footer = {
            "",
            "Example:",
            "  CACHET_BACKUP_PASSWORD=… cachet restore cachet-2026-11-26.backup --home /srv/cachet"
        })
final class RestoreCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file.")
    Path backup;

    RestoreCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        int files = new HomeBackup(context.environment()).restore(backup, global.home(context));
        spec.commandLine()
                .getOut()
                .println("Restored " + files + " files into "
                        + global.home(context).root());
        return 0;
    }
}
