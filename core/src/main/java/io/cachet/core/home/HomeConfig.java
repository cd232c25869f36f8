package io.cachet.core.home;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The settings in a home's {@code cachet.properties}.
 *
 * @param officeCode the issuing office's code, written into every seal (e.g. {@code PAR})
 * @param officeName the office's name as printed on certificates
 * @param development true for a development home whose keys are test keys
 * @param verifierUrl the URL printed on certificates under "Vérifiez ce document"
 * @param passphraseFile the file holding the keystore passphrase, when it is not given by the environment
 * @param tsaUrl {@code tsa.url}: the RFC 3161 HTTP timestamp authority; when absent, a development home uses its
 *     local TEST authority
 */
public record HomeConfig(
        String officeCode,
        String officeName,
        boolean development,
        String verifierUrl,
        Optional<Path> passphraseFile,
        Optional<String> tsaUrl) {
    public static final String DEFAULT_VERIFIER_URL = "http://localhost:8080";

    public HomeConfig {
        requireNonNull(officeCode, "officeCode is null");
        requireNonNull(officeName, "officeName is null");
        requireNonNull(verifierUrl, "verifierUrl is null");
        requireNonNull(passphraseFile, "passphraseFile is null");
        requireNonNull(tsaUrl, "tsaUrl is null");
    }

    /** A configuration with no {@code tsa.url}. */
    public HomeConfig(
            String officeCode,
            String officeName,
            boolean development,
            String verifierUrl,
            Optional<Path> passphraseFile) {
        this(officeCode, officeName, development, verifierUrl, passphraseFile, Optional.empty());
    }

    static HomeConfig from(Properties properties, Path file) {
        Path directory = file.getParent();
        return new HomeConfig(
                required(properties, "office.code", file),
                required(properties, "office.name", file),
                Boolean.parseBoolean(properties.getProperty("development", "false")),
                properties.getProperty("verifier.url", DEFAULT_VERIFIER_URL),
                Optional.ofNullable(properties.getProperty("keystore.passphrase-file"))
                        .map(name -> directory.resolve(name)),
                Optional.ofNullable(properties.getProperty("tsa.url"))
                        .map(String::strip)
                        .filter(url -> !url.isEmpty()));
    }

    Properties toProperties(Path homeRoot) {
        Properties properties = new Properties();
        properties.setProperty("office.code", officeCode);
        properties.setProperty("office.name", officeName);
        properties.setProperty("development", Boolean.toString(development));
        properties.setProperty("verifier.url", verifierUrl);
        passphraseFile.ifPresent(path -> properties.setProperty(
                "keystore.passphrase-file", homeRoot.relativize(path).toString()));
        tsaUrl.ifPresent(url -> properties.setProperty("tsa.url", url));
        return properties;
    }

    private static String required(Properties properties, String key, Path file) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw CachetException.configuration(file + " has no '" + key + "': re-create the home with `cachet init`");
        }
        return value.strip();
    }
}
