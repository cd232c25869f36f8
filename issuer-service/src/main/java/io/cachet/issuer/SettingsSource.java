package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * Where the issuing service reads its settings: the home's {@code cachet.properties}, overridden by an environment
 * variable of its own for each setting. A blank value counts as not set; values are stripped.
 *
 * @param file the home's settings, by name ({@code issuer.oidc.issuer})
 * @param environment the process's environment
 * @param variables each setting's environment variable, by the setting's name
 */
public record SettingsSource(Map<String, String> file, Map<String, String> environment, Map<String, String> variables) {
    public SettingsSource {
        requireNonNull(file, "file is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(variables, "variables is null");
    }

    /** The setting {@code name}: its environment variable's value, else the file's, when not blank. */
    public Optional<String> get(String name) {
        String value = environment.get(variable(name));
        if (value == null || value.isBlank()) {
            value = file.get(name);
        }
        return Optional.ofNullable(value).map(String::strip).filter(text -> !text.isEmpty());
    }

    /** The setting as problems name it: {@code issuer.oidc.issuer (CACHET_ISSUER_OIDC_ISSUER)}. */
    public String describe(String name) {
        return name + " (" + variable(name) + ")";
    }

    private String variable(String name) {
        String variable = variables.get(name);
        if (variable == null) {
            throw new IllegalArgumentException("no environment variable is defined for the setting " + name);
        }
        return variable;
    }
}
