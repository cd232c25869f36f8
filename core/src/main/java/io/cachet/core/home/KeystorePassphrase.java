package io.cachet.core.home;

import io.cachet.core.CachetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

/**
 * Finds the keystore passphrase: the {@value #VARIABLE} environment variable, else the file named in the home's
 * configuration. Never from a command-line argument (it would show in {@code ps} and shell history), never logged.
 */
public final class KeystorePassphrase {
    public static final String VARIABLE = "CACHET_KEYSTORE_PASSWORD";

    private KeystorePassphrase() {}

    public static char[] resolve(CachetHome home, HomeConfig config, Map<String, String> environment) {
        String fromEnvironment = environment.get(VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        if (config.passphraseFile().isPresent()) {
            try {
                String text = Files.readString(config.passphraseFile().get(), StandardCharsets.UTF_8)
                        .strip();
                if (text.isEmpty()) {
                    throw CachetException.configuration(
                            "passphrase file " + config.passphraseFile().get() + " is empty");
                }
                return text.toCharArray();
            } catch (IOException e) {
                throw CachetException.configuration("cannot read passphrase file "
                        + config.passphraseFile().get() + ": " + e.getMessage() + " (or set " + VARIABLE + ")");
            }
        }
        throw CachetException.configuration(
                "no keystore passphrase: set " + VARIABLE + " for the home at " + home.root());
    }
}
