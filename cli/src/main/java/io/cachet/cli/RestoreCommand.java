package io.cachet.cli;

import io.cachet.core.home.HomeBackup;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

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
final class RestoreCommand extends CachetCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file.")
    Path backup;

    RestoreCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        int files = new HomeBackup(environment()).restore(backup, home());
        out().println("Restored " + files + " files into " + home().root());
        return 0;
    }
}
