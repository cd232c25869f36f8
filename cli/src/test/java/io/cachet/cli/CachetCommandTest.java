package io.cachet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command gets the shared options, spec and context from {@link CachetCommand}, picocli reading its fields. */
class CachetCommandTest {
    private static List<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>();
        collect(CachetCli.commandLine(new CliContext(Map.of(), Clock.systemUTC())), all);
        return all;
    }

    private static void collect(CommandLine commandLine, List<CommandLine> all) {
        all.add(commandLine);
        commandLine.getSubcommands().values().forEach(sub -> collect(sub, all));
    }

    @Test
    void everyCommandThatDoesWorkIsACachetCommandAndEveryOtherOnlyGroups() {
        for (CommandLine command : commands()) {
            Object instance = command.getCommand();
            assertThat(instance instanceof CachetCommand
                            || instance instanceof CommandGroup
                            || instance instanceof CommandLine.HelpCommand)
                    .as(command.getCommandSpec().qualifiedName())
                    .isTrue();
        }
    }

    @Test
    void everyCommandTakesTheGlobalOptionsDeclaredOnceInItsBase() {
        for (CommandLine command : commands()) {
            if (command.getCommand() instanceof CachetCommand) {
                CommandLine.Model.CommandSpec spec = command.getCommandSpec();
                assertThat(spec.findOption("--home")).as(spec.qualifiedName()).isNotNull();
                assertThat(spec.findOption("--templates"))
                        .as(spec.qualifiedName())
                        .isNotNull();
                assertThat(spec.findOption("--verbose"))
                        .as(spec.qualifiedName())
                        .isNotNull();
                assertThat(spec.findOption("--help")).as(spec.qualifiedName()).isNotNull();
            }
        }
    }

    @Test
    void picocliInjectsTheSpecAndTheMixinIntoTheBaseFields() {
        for (CommandLine command : commands()) {
            if (command.getCommand() instanceof CachetCommand cachet) {
                assertThat(cachet.spec)
                        .as(command.getCommandSpec().qualifiedName())
                        .isSameAs(command.getCommandSpec());
                assertThat(cachet.global)
                        .as(command.getCommandSpec().qualifiedName())
                        .isNotNull();
                assertThat(cachet.out()).isSameAs(command.getOut());
                assertThat(cachet.err()).isSameAs(command.getErr());
            }
        }
    }

    @Test
    void theHomeOptionReachesTheCommandThroughItsBase() {
        CommandLine cachet = CachetCli.commandLine(new CliContext(Map.of(), Clock.systemUTC()));

        cachet.parseArgs("show", "7K2M-9QXH-4TWD-R8NB-5", "--home", "/srv/cachet-home");

        CachetCommand show = (CachetCommand) cachet.getSubcommands().get("show").getCommand();
        assertThat(show.home().root()).isEqualTo(Path.of("/srv/cachet-home"));
    }
}
