package io.cachet.core.types;

import static java.util.Objects.requireNonNull;

import io.cachet.core.types.rules.BusinessRule;
import java.time.Period;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A certificate type loaded from its folder: descriptor, Thymeleaf template, message bundles and sample data.
 *
 * @param validity how long a certificate of this type stays valid after issue; empty when it does not expire
 * @param dateOrder groups of date fields that must not decrease (e.g. entry ≤ medical visit ≤ validation)
 * @param rules the business rules the data must obey besides their fields' own checks
 * @param messages message bundles by language ({@code fr} is the default)
 * @param twoDoc how the type is written as a 2D-Doc (the {@code twodoc} object of {@code type.json}); empty for a
 *     type that declares none
 */
public record CertificateType(
        String id,
        String title,
        Optional<Period> validity,
        List<FieldSpec> fields,
        List<List<String>> dateOrder,
        List<BusinessRule> rules,
        String template,
        Map<String, Properties> messages,
        String sampleJson,
        Optional<TwoDocMapping> twoDoc) {
    public static final String DEFAULT_LANGUAGE = "fr";

    public CertificateType {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(validity, "validity is null");
        fields = List.copyOf(fields);
        dateOrder = dateOrder.stream().map(List::copyOf).toList();
        rules = List.copyOf(rules);
        requireNonNull(template, "template is null");
        messages = Map.copyOf(messages);
        requireNonNull(sampleJson, "sampleJson is null");
        requireNonNull(twoDoc, "twoDoc is null");
    }

    public List<FieldSpec> requiredFields() {
        return fields.stream().filter(FieldSpec::required).toList();
    }

    /** The message bundle for a language, falling back to French. */
    public Properties messages(Locale locale) {
        Properties bundle = messages.get(locale.getLanguage());
        return bundle != null ? bundle : messages.getOrDefault(DEFAULT_LANGUAGE, new Properties());
    }
}
