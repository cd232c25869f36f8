package io.cachet.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** core holds the services; the CLI and the web are adapters over it, never the other way round. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cachet.core");

    @Test
    void coreDependsOnNoCliOrWebLibrary() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "picocli..",
                        "io.javalin..",
                        "org.eclipse.jetty..",
                        "jakarta.servlet..",
                        "io.cachet.cli..",
                        "io.cachet.web..")
                .check(CORE);
    }

    /**
     * Each capability package ({@code seal}, {@code keys}, {@code registry}…) may use lower ones but never be used
     * back: a type two packages share lives in the lower one or in a small package of its own ({@code crypto},
     * {@code files}).
     */
    @Test
    void corePackagesHaveNoCycles() {
        slices().matching("io.cachet.core.(*)..").should().beFreeOfCycles().check(CORE);
    }

    /**
     * The top package holds only what every package shares ({@code CachetException}, {@code BoundedInflater}) and
     * uses none of them, so it closes no cycle either; the wiring of all packages lives in {@code services}.
     */
    @Test
    void theTopPackageUsesNoCapabilityPackage() {
        noClasses()
                .that()
                .resideInAPackage("io.cachet.core")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.cachet.core.*..")
                .check(CORE);
    }

    /** Only the adapters use the wiring: no capability package reaches back to it. */
    @Test
    void noCapabilityPackageUsesTheWiring() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.cachet.core.services..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.cachet.core.services..")
                .check(CORE);
    }
}
