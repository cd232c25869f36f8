package io.cachet.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fresh SoftHSM2 tokens for the tests that sign with a key in a real PKCS#11 token (core, the CLI and the issuing
 * service share this fixture through core's test jar). Surefire points {@code SOFTHSM2_CONF} into {@code target/};
 * each token gets a token folder of its own, so tests never see another's keys. Where SoftHSM2 is not installed the
 * test is skipped ({@code .ci/run} installs it, so CI always runs them).
 */
public final class SoftHsmTokens {
    /** Debian's SoftHSM2 PKCS#11 library. */
    public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    private static final String SO_PIN = "271828";
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    private SoftHsmTokens() {}

    /**
     * Initialises a new token labelled {@code label} with user PIN {@code pin} and writes a SunPKCS11 configuration for
     * its slot, named {@code name} and the slot number.
     *
     * @return the SunPKCS11 configuration file (what {@code hsm.config} names in a home)
     */
    public static Path newToken(String label, String pin, String name) throws Exception {
        String conf = System.getenv("SOFTHSM2_CONF");
        assumeTrue(Files.exists(LIBRARY) && conf != null, "SoftHSM2 is not installed (.ci/run installs softhsm2)");
        Path folder = Path.of(conf).getParent();
        Path tokens = folder.resolve("tokens-" + label + "-" + System.nanoTime());
        Files.createDirectories(tokens);
        Files.writeString(
                Path.of(conf),
                "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        Process init = new ProcessBuilder(
                        "softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", SO_PIN)
                .redirectErrorStream(true)
                .start();
        String output = new String(init.getInputStream().readAllBytes());
        assertThat(init.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Matcher slot = SLOT.matcher(output);
        assertThat(slot.find()).as(output).isTrue();
        Path config = folder.resolve("softhsm-" + label + "-" + slot.group(1) + ".cfg");
        Files.writeString(
                config,
                "name = " + name + slot.group(1) + "\nlibrary = " + LIBRARY + "\nslot = " + slot.group(1) + "\n");
        return config;
    }
}
