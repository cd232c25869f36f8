package io.cachet.core.verify;

import static java.util.Objects.requireNonNull;

import io.cachet.core.render.Formats;
import io.cachet.core.report.CertificateFacts;
import io.cachet.core.report.CertificateSummary;
import io.cachet.core.types.CertificateType;
import io.cachet.core.types.FieldSpec;
import io.cachet.core.types.TypeCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labels what an authentic seal certifies for a reader ({@link CertificateFacts}), from the certificate types this
 * verifier knows: the type's title, each sealed field's label from the type's messages (else its {@code type.json}
 * label) and its value formatted as the certificate prints it, and the type's sentences {@code verify.attests} and
 * {@code verify.allows}, whose {@code {name}} placeholders name a field, {@code holder} (given names then family name), {@code issuedAt} or
 * {@code expiresAt}. A type this verifier does not know is still shown: its fields under their seal keys, as sealed.
 */
public final class CertificateDescriber {
    /** The message keys of a type's plain sentences (docs/templates.md). */
    public static final String ATTESTS = "verify.attests";

    public static final String ALLOWS = "verify.allows";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9.]*)}");

    private final Optional<TypeCatalog> catalog;
    private final Formats formats = new Formats();

    private CertificateDescriber(Optional<TypeCatalog> catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /** Labels from these types. */
    public static CertificateDescriber of(TypeCatalog catalog) {
        return new CertificateDescriber(Optional.of(catalog));
    }

    /** Knows no type: every field is shown under its seal key, as sealed. */
    public static CertificateDescriber withoutTypes() {
        return new CertificateDescriber(Optional.empty());
    }

    /**
     * The types bundled on the class path (module {@code templates}) when they are there, else none: a verifier that
     * ships without them still shows every sealed fact, unlabelled.
     */
    public static CertificateDescriber bundledOrNone() {
        try {
            return of(TypeCatalog.loadBundled());
        } catch (io.cachet.core.CachetException e) {
            return withoutTypes();
        }
    }

    public CertificateFacts describe(CertificateSummary certificate, Locale locale) {
        Optional<CertificateType> type = catalog.flatMap(types -> types.find(certificate.type()));
        if (type.isEmpty()) {
            return CertificateFacts.unlabelled(certificate);
        }
        Properties messages = type.get().messages(locale);
        // In the order the type declares its fields, as the certificate prints them; keys it does not declare last.
        List<CertificateFacts.Field> fields = new ArrayList<>();
        for (FieldSpec spec : type.get().fields()) {
            if (spec.seal() != null && certificate.fields().containsKey(spec.seal())) {
                fields.add(field(
                        type.get(), messages, spec.seal(), certificate.fields().get(spec.seal())));
            }
        }
        certificate.fields().forEach((key, value) -> {
            if (type.get().fields().stream().noneMatch(spec -> key.equals(spec.seal()))) {
                fields.add(field(type.get(), messages, key, value));
            }
        });
        return new CertificateFacts(
                messages.getProperty("title", type.get().title()),
                true,
                certificate.issuerName(),
                sentence(messages, ATTESTS, certificate, fields),
                sentence(messages, ALLOWS, certificate, fields),
                fields);
    }

    private CertificateFacts.Field field(CertificateType type, Properties messages, String sealKey, String value) {
        Optional<FieldSpec> spec = type.fields().stream()
                .filter(field -> sealKey.equals(field.seal()))
                .findFirst();
        if (spec.isEmpty()) {
            // Not a field of the type as this verifier knows it (a newer version of the type?): shown as sealed.
            return new CertificateFacts.Field(sealKey, sealKey, value, value);
        }
        String name = spec.get().name();
        String display =
                switch (spec.get().kind()) {
                    case DATE -> formats.date(value);
                    case TEXT, CHOICE, TIME, LIST -> value;
                };
        return new CertificateFacts.Field(
                name, messages.getProperty(name, spec.get().label()), value, display);
    }

    /**
     * The type's sentence under {@code key} with its placeholders filled in; empty when the type has none, or when a
     * placeholder names a value this certificate does not hold (a sentence with a gap would mislead).
     */
    private Optional<String> sentence(
            Properties messages, String key, CertificateSummary certificate, List<CertificateFacts.Field> fields) {
        String text = messages.getProperty(key);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Optional<String> value = placeholder(matcher.group(1), certificate, fields);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.get()));
        }
        matcher.appendTail(out);
        return Optional.of(out.toString());
    }

    private Optional<String> placeholder(
            String name, CertificateSummary certificate, List<CertificateFacts.Field> fields) {
        return switch (name) {
            case "holder" -> Optional.of((certificate.givenNames() + " " + certificate.familyName()).strip());
            case "issuedAt" -> Optional.of(formats.date(certificate.issuedAt()));
            case "expiresAt" -> certificate.expiresAt().map(formats::date);
            default ->
                fields.stream()
                        .filter(field -> field.key().equals(name))
                        .map(CertificateFacts.Field::display)
                        .findFirst();
        };
    }
}
