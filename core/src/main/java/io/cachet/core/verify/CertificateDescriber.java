package io.cachet.core.verify;

import static java.util.Objects.requireNonNull;

import io.cachet.core.render.Formats;
import io.cachet.core.report.CertificateFacts;
import io.cachet.core.report.CertificateSummary;
import io.cachet.core.twodoc.DataIdentifier;
import io.cachet.core.twodoc.DataIdentifiers;
import io.cachet.core.types.CertificateType;
import io.cachet.core.types.FieldSpec;
import io.cachet.core.types.TypeCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labels what an authentic seal certifies for a reader ({@link CertificateFacts}), from the certificate types this
 * verifier knows: the type's title, each sealed field's label from the type's messages (else its {@code type.json}
 * label) and its value formatted as the certificate prints it, and the type's sentences {@code verify.attests} and
 * {@code verify.allows}, whose {@code {name}} placeholders name a field, {@code holder} (given names then family name), {@code issuedAt} or
 * {@code expiresAt}. A type this verifier does not know is still shown: its fields under their seal keys, as sealed.
 *
 * <p>Thread-safe. What a type's {@code type.json} and messages give (labels, title, the sentences split at their
 * placeholders) is worked out once per type and language; the catalog and its messages are not changed afterwards.
 */
public final class CertificateDescriber {
    /** The message keys of a type's plain sentences (docs/templates.md). */
    public static final String ATTESTS = "verify.attests";

    public static final String ALLOWS = "verify.allows";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9.]*)}");

    private final Optional<TypeCatalog> catalog;
    private final Formats formats = new Formats();
    /** Per type and language; bounded by {@link #labels(CertificateType, Locale)}. */
    private final Map<LabelsKey, Labels> labels = new ConcurrentHashMap<>();

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

    /**
     * What {@code certificate} certifies, labelled in {@code locale}'s language (French when its type has no messages
     * in that language).
     */
    public CertificateFacts describe(CertificateSummary certificate, Locale locale) {
        if (certificate.type().startsWith(TwoDocChecks.TWODOC_TYPE_PREFIX)) {
            return twoDocFacts(certificate);
        }
        Optional<CertificateType> type = catalog.flatMap(types -> types.find(certificate.type()));
        if (type.isEmpty()) {
            return CertificateFacts.unlabelled(certificate);
        }
        Labels labels = labels(type.get(), locale);
        // In the order the type declares its fields, as the certificate prints them; keys it does not declare last.
        List<CertificateFacts.Field> fields = new ArrayList<>();
        for (Label label : labels.sealed()) {
            if (certificate.fields().containsKey(label.sealKey())) {
                fields.add(label.field(certificate.fields().get(label.sealKey()), formats));
            }
        }
        certificate.fields().forEach((key, value) -> {
            if (!labels.bySealKey().containsKey(key)) {
                // Not a field of the type as this verifier knows it (a newer version of the type?): shown as sealed.
                fields.add(new CertificateFacts.Field(key, key, value, value));
            }
        });
        return new CertificateFacts(
                labels.title(),
                true,
                certificate.issuerName(),
                labels.attests().flatMap(sentence -> fill(sentence, certificate, fields)),
                labels.allows().flatMap(sentence -> fill(sentence, certificate, fields)),
                fields);
    }

    /**
     * A 2D-Doc's fields, each labelled as the ANTS specification names its data identifier (in French, the
     * specification's only language), shown as written in the code.
     */
    private static CertificateFacts twoDocFacts(CertificateSummary certificate) {
        List<CertificateFacts.Field> fields = new ArrayList<>();
        certificate
                .fields()
                .forEach((key, value) -> fields.add(new CertificateFacts.Field(
                        key,
                        DataIdentifiers.find(key).map(DataIdentifier::label).orElse(key),
                        value,
                        value)));
        return new CertificateFacts(
                certificate.type(), false, certificate.issuerName(), Optional.empty(), Optional.empty(), fields);
    }

    /**
     * The labels of {@code type} in {@code locale}'s language, worked out once: the language is first reduced to one
     * the type has messages for (else French, as {@link CertificateType#messages} falls back), so that the cache holds
     * at most one entry per bundled type and language whatever languages readers ask for.
     */
    private Labels labels(CertificateType type, Locale locale) {
        String language = type.messages().containsKey(locale.getLanguage())
                ? locale.getLanguage()
                : CertificateType.DEFAULT_LANGUAGE;
        return labels.computeIfAbsent(
                new LabelsKey(type.id(), language), key -> Labels.of(type, type.messages(locale)));
    }

    /** How many (type, language) labels are kept: for tests of the bound. */
    int labelsKept() {
        return labels.size();
    }

    /** A type's sealed field as a reader sees it: its name in the type, its label, how its value is printed. */
    private record Label(String sealKey, String name, String label, FieldSpec.Kind kind) {
        CertificateFacts.Field field(String value, Formats formats) {
            String display =
                    switch (kind) {
                        case DATE -> formats.date(value);
                        case TEXT, CHOICE, TIME, LIST -> value;
                    };
            return new CertificateFacts.Field(name, label, value, display);
        }
    }

    private record LabelsKey(String type, String language) {}

    /**
     * What describing a type's certificates in one language needs, read from its {@code type.json} and messages once.
     *
     * @param sealed one label per sealed field, in the type's order (a seal key declared twice is labelled as its first
     *     declaration, twice)
     * @param bySealKey the first declaration of each seal key
     */
    private record Labels(
            String title,
            List<Label> sealed,
            Map<String, Label> bySealKey,
            Optional<Sentence> attests,
            Optional<Sentence> allows) {
        static Labels of(CertificateType type, Properties messages) {
            Map<String, Label> bySealKey = new HashMap<>();
            List<Label> sealed = new ArrayList<>();
            for (FieldSpec spec : type.fields()) {
                if (spec.seal() != null) {
                    Label first = bySealKey.computeIfAbsent(
                            spec.seal(),
                            key -> new Label(
                                    key, spec.name(), messages.getProperty(spec.name(), spec.label()), spec.kind()));
                    sealed.add(first);
                }
            }
            return new Labels(
                    messages.getProperty("title", type.title()),
                    List.copyOf(sealed),
                    Map.copyOf(bySealKey),
                    Sentence.parse(messages.getProperty(ATTESTS)),
                    Sentence.parse(messages.getProperty(ALLOWS)));
        }
    }

    /**
     * A type's sentence split at its {@code {name}} placeholders: {@code literals} has one more element than
     * {@code placeholders}, the text before, between and after them.
     */
    private record Sentence(List<String> literals, List<String> placeholders) {
        /** Empty when the type has no such sentence. */
        static Optional<Sentence> parse(String text) {
            if (text == null || text.isBlank()) {
                return Optional.empty();
            }
            List<String> literals = new ArrayList<>();
            List<String> placeholders = new ArrayList<>();
            Matcher matcher = PLACEHOLDER.matcher(text);
            int from = 0;
            while (matcher.find()) {
                literals.add(text.substring(from, matcher.start()));
                placeholders.add(matcher.group(1));
                from = matcher.end();
            }
            literals.add(text.substring(from));
            return Optional.of(new Sentence(List.copyOf(literals), List.copyOf(placeholders)));
        }
    }

    /**
     * {@code sentence} with its placeholders filled in; empty when a placeholder names a value this certificate does
     * not hold (a sentence with a gap would mislead).
     */
    private Optional<String> fill(
            Sentence sentence, CertificateSummary certificate, List<CertificateFacts.Field> fields) {
        StringBuilder out = new StringBuilder(sentence.literals().get(0));
        for (int i = 0; i < sentence.placeholders().size(); i++) {
            Optional<String> value = placeholder(sentence.placeholders().get(i), certificate, fields);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            out.append(value.get()).append(sentence.literals().get(i + 1));
        }
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
