package io.cachet.core.home;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
 * @param registryUrl {@value #REGISTRY_URL_PROPERTY}: the registry's JDBC URL; when absent, the home's SQLite file
 *     (unless the environment names one)
 * @param statusListUri {@value #STATUS_LIST_URI_PROPERTY}: the URI naming the office's status list, carried by every
 *     seal; when absent, seals carry no status reference
 * @param serviceSettings the settings of Cachet's services, read here and interpreted by the service they belong to
 *     (keys under {@value #SERVICE_PREFIX}, such as {@code issuer.oidc.issuer}), as written
 * @param twoDocCaId {@value #TWODOC_CA_ID_PROPERTY}: the 2D-Doc certification authority id written in the header of
 *     every certificate's 2D-Doc; when absent, {@value #TWODOC_TEST_CA_ID}, the specification's test authority
 *     (docs/2d-doc.md)
 */
public record HomeConfig(
        String officeCode,
        String officeName,
        boolean development,
        String verifierUrl,
        Optional<Path> passphraseFile,
        Optional<String> tsaUrl,
        Optional<String> registryUrl,
        Optional<String> statusListUri,
        Map<String, String> serviceSettings,
        String twoDocCaId) {
    /** The prefix of the issuing service's settings. */
    public static final String SERVICE_PREFIX = "issuer.";

    public static final String DEFAULT_VERIFIER_URL = "http://localhost:8080";
    public static final String REGISTRY_URL_PROPERTY = "registry.url";
    public static final String STATUS_LIST_URI_PROPERTY = "status-list.uri";
    public static final String TWODOC_CA_ID_PROPERTY = "twodoc.ca-id";
    /** The 2D-Doc test certification authority of the specification (§3.3.3, annex 16.1). */
    public static final String TWODOC_TEST_CA_ID = "FR00";

    public HomeConfig {
        requireNonNull(officeCode, "officeCode is null");
        requireNonNull(officeName, "officeName is null");
        requireNonNull(verifierUrl, "verifierUrl is null");
        requireNonNull(passphraseFile, "passphraseFile is null");
        requireNonNull(tsaUrl, "tsaUrl is null");
        requireNonNull(registryUrl, "registryUrl is null");
        requireNonNull(statusListUri, "statusListUri is null");
        serviceSettings = Map.copyOf(serviceSettings);
        requireNonNull(twoDocCaId, "twoDocCaId is null");
        if (!twoDocCaId.matches("[A-Z]{2}[A-Z0-9]{2}")) {
            throw CachetException.configuration(TWODOC_CA_ID_PROPERTY + " '" + twoDocCaId
                    + "' must be an ISO 3166 alpha-2 country code and two characters [A-Z0-9], e.g. "
                    + TWODOC_TEST_CA_ID);
        }
    }

    /** A configuration with the test 2D-Doc authority. */
    public HomeConfig(
            String officeCode,
            String officeName,
            boolean development,
            String verifierUrl,
            Optional<Path> passphraseFile,
            Optional<String> tsaUrl,
            Optional<String> registryUrl,
            Optional<String> statusListUri,
            Map<String, String> serviceSettings) {
        this(
                officeCode,
                officeName,
                development,
                verifierUrl,
                passphraseFile,
                tsaUrl,
                registryUrl,
                statusListUri,
                serviceSettings,
                TWODOC_TEST_CA_ID);
    }

    /** A configuration without service settings. */
    public HomeConfig(
            String officeCode,
            String officeName,
            boolean development,
            String verifierUrl,
            Optional<Path> passphraseFile,
            Optional<String> tsaUrl,
            Optional<String> registryUrl,
            Optional<String> statusListUri) {
        this(
                officeCode,
                officeName,
                development,
                verifierUrl,
                passphraseFile,
                tsaUrl,
                registryUrl,
                statusListUri,
                Map.of());
    }

    /** A configuration with no {@code registry.url} and no {@code status-list.uri}. */
    public HomeConfig(
            String officeCode,
            String officeName,
            boolean development,
            String verifierUrl,
            Optional<Path> passphraseFile,
            Optional<String> tsaUrl) {
        this(
                officeCode,
                officeName,
                development,
                verifierUrl,
                passphraseFile,
                tsaUrl,
                Optional.empty(),
                Optional.empty());
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

    /** Reads {@code file}, a home's {@code cachet.properties}: the one place that parses it. */
    static HomeConfig read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw CachetException.configuration("cannot read " + file + ": " + e.getMessage(), e);
        }
        return from(properties, file);
    }

    private static HomeConfig from(Properties properties, Path file) {
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
                        .filter(url -> !url.isEmpty()),
                nonBlank(properties.getProperty(REGISTRY_URL_PROPERTY)),
                nonBlank(properties.getProperty(STATUS_LIST_URI_PROPERTY)),
                properties.stringPropertyNames().stream()
                        .filter(name -> name.startsWith(SERVICE_PREFIX))
                        .collect(java.util.stream.Collectors.toMap(name -> name, properties::getProperty)),
                nonBlank(properties.getProperty(TWODOC_CA_ID_PROPERTY)).orElse(TWODOC_TEST_CA_ID));
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
        registryUrl.ifPresent(url -> properties.setProperty(REGISTRY_URL_PROPERTY, url));
        statusListUri.ifPresent(uri -> properties.setProperty(STATUS_LIST_URI_PROPERTY, uri));
        serviceSettings.forEach(properties::setProperty);
        properties.setProperty(TWODOC_CA_ID_PROPERTY, twoDocCaId);
        return properties;
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String required(Properties properties, String key, Path file) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw CachetException.configuration(file + " has no '" + key + "': re-create the home with `cachet init`");
        }
        return value.strip();
    }
}
