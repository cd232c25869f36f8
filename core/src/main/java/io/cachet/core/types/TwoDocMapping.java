package io.cachet.core.types;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cachet.core.CachetException;
import io.cachet.core.twodoc.DataIdentifier;
import io.cachet.core.twodoc.DataIdentifiers;
import io.cachet.core.twodoc.TwoDocContent;
import io.cachet.core.twodoc.TwoDocDates;
import io.cachet.core.twodoc.TwoDocDocumentTypes;
import io.cachet.core.twodoc.TwoDocField;
import io.cachet.core.twodoc.TwoDocHeader;
import io.cachet.core.twodoc.TwoDocSigner;
import io.cachet.core.twodoc.TwoDocValues;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a certificate type is written as a 2D-Doc: the {@code twodoc} object of its {@code type.json}
 * (docs/2d-doc.md).
 *
 * @param documentType the 2D-Doc document type code written in the header
 * @param perimeter the perimeter the document type belongs to ({@code 01}, the ANTS perimeter)
 * @param awaitingRegistration true when no registered 2D-Doc type fits and {@code documentType} is Cachet's
 *     provisional code, to be replaced by the one the ANTS registers (§3.4.4 forbids unregistered types in
 *     production)
 * @param identifiers the data identifier each source fills, in the order written: a field of the type by its path,
 *     or {@value #CERTIFICATE_ID} (the certificate's number, so that its registry status applies) or
 *     {@value #CERTIFICATE_EXPIRES} (its last day of validity)
 */
public record TwoDocMapping(
        String documentType, String perimeter, boolean awaitingRegistration, Map<String, String> identifiers) {
    /** The certificate's number, written without its dashes. */
    public static final String CERTIFICATE_ID = "certificate.id";
    /** The certificate's last day of validity, for types that expire. */
    public static final String CERTIFICATE_EXPIRES = "certificate.expires";

    public TwoDocMapping {
        requireNonNull(documentType, "documentType is null");
        requireNonNull(perimeter, "perimeter is null");
        identifiers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(identifiers));
    }

    /** The {@code twodoc} object as read from JSON, before it is checked against its type. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Descriptor(
            @JsonProperty(value = "documentType", required = true)
            String documentType,

            @JsonProperty(value = "perimeter", required = true)
            String perimeter,

            @JsonProperty(value = "awaitingRegistration", required = true)
            Boolean awaitingRegistration,

            @JsonProperty(value = "identifiers", required = true)
            LinkedHashMap<String, String> identifiers) {}

    /**
     * Checks a {@code twodoc} descriptor against its type's fields: shapes of the codes, registration, each source a
     * declared single field (or a certificate source), each identifier known and fit for the field's kind and
     * length, no identifier twice, and the certificate's number present.
     */
    static TwoDocMapping check(Path file, Descriptor descriptor, List<FieldSpec> fields, boolean expires) {
        String where = file + ": twodoc";
        if (descriptor.documentType() == null || !descriptor.documentType().matches("[A-Z0-9]{2}")) {
            throw CachetException.configuration(where + ".documentType must be 2 characters [A-Z0-9]");
        }
        if (descriptor.perimeter() == null || !descriptor.perimeter().matches("[A-Z0-9]{2}")) {
            throw CachetException.configuration(where + ".perimeter must be 2 characters [A-Z0-9]");
        }
        if (descriptor.awaitingRegistration() == null) {
            throw CachetException.configuration(where + ".awaitingRegistration must be true or false");
        }
        Optional<String> registered = TwoDocDocumentTypes.registered(descriptor.perimeter(), descriptor.documentType());
        if (descriptor.awaitingRegistration() && registered.isPresent()) {
            throw CachetException.configuration(where + ".documentType " + descriptor.documentType()
                    + " is registered (" + registered.get() + "): a type awaiting registration needs a code the"
                    + " specification does not use");
        }
        if (!descriptor.awaitingRegistration() && registered.isEmpty()) {
            throw CachetException.configuration(where + ".documentType " + descriptor.documentType()
                    + " is not a registered type of perimeter " + descriptor.perimeter()
                    + ": declare \"awaitingRegistration\": true, or use a registered code");
        }
        if (descriptor.identifiers() == null || !descriptor.identifiers().containsKey(CERTIFICATE_ID)) {
            throw CachetException.configuration(where + ".identifiers must map \"" + CERTIFICATE_ID
                    + "\" (the certificate's number, so that its registry status applies)");
        }
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, String> entry : descriptor.identifiers().entrySet()) {
            String source = entry.getKey();
            String code = entry.getValue();
            DataIdentifier identifier = DataIdentifiers.find(code == null ? "" : code)
                    .orElseThrow(() -> CachetException.configuration(where + ".identifiers maps '" + source + "' to '"
                            + code + "', which is not a data identifier of the specification's perimeter 01"));
            if (identifier.characters() == DataIdentifier.Characters.PRINTABLE) {
                throw CachetException.configuration(where + ".identifiers maps '" + source + "' to " + code + " ("
                        + identifier.label() + "), which Cachet only reads: it writes the identifiers whose"
                        + " characters it checks (docs/2d-doc.md)");
            }
            if (!used.add(code)) {
                throw CachetException.configuration(where + ".identifiers uses " + code + " twice");
            }
            boolean dateIdentifier =
                    identifier.kind() != DataIdentifier.Kind.TEXT && identifier.kind() != DataIdentifier.Kind.DECIMAL;
            switch (source) {
                case CERTIFICATE_ID -> {
                    if (identifier.characters() != DataIdentifier.Characters.LETTERS_DIGITS
                            || identifier.maxLength().isPresent()
                                    && identifier.maxLength().getAsInt() < 17) {
                        throw CachetException.configuration(where + ": " + CERTIFICATE_ID + " (17 characters"
                                + " [0-9A-Z]) cannot be written in " + code + " (" + identifier.label() + ")");
                    }
                }
                case CERTIFICATE_EXPIRES -> {
                    if (!expires) {
                        throw CachetException.configuration(
                                where + ": " + CERTIFICATE_EXPIRES + " is mapped but the type has no validity");
                    }
                    if (!dateIdentifier) {
                        throw CachetException.configuration(where + ": " + CERTIFICATE_EXPIRES + " is a date but "
                                + code + " (" + identifier.label() + ") is not");
                    }
                }
                default -> checkField(where, source, code, identifier, dateIdentifier, fields);
            }
        }
        return new TwoDocMapping(
                descriptor.documentType(),
                descriptor.perimeter(),
                descriptor.awaitingRegistration(),
                descriptor.identifiers());
    }

    private static void checkField(
            String where,
            String source,
            String code,
            DataIdentifier identifier,
            boolean dateIdentifier,
            List<FieldSpec> fields) {
        FieldSpec field = fields.stream()
                .filter(f -> f.name().equals(source))
                .findFirst()
                .orElseThrow(() -> CachetException.configuration(where + ".identifiers maps '" + source
                        + "', which is neither a field of the type nor " + CERTIFICATE_ID + " or "
                        + CERTIFICATE_EXPIRES));
        String kind = field.kind().name().toLowerCase(Locale.ROOT);
        switch (field.kind()) {
            case LIST, TIME ->
                throw CachetException.configuration(
                        where + ": the " + kind + " field '" + source + "' cannot be written in a 2D-Doc value");
            case DATE -> {
                if (!dateIdentifier) {
                    throw CachetException.configuration(where + ": '" + source + "' is a date but " + code + " ("
                            + identifier.label() + ") is not");
                }
            }
            case TEXT, CHOICE -> {
                if (dateIdentifier) {
                    throw CachetException.configuration(where + ": '" + source + "' is " + kind + " but " + code + " ("
                            + identifier.label() + ") is a date");
                }
                boolean freeText = identifier.characters().allows(' ');
                int longest = field.kind() == FieldSpec.Kind.CHOICE
                        ? field.values().stream().mapToInt(String::length).max().orElse(0)
                        : field.maxLength() == null ? Integer.MAX_VALUE : field.maxLength();
                if (!freeText
                        && identifier.maxLength().isPresent()
                        && longest > identifier.maxLength().getAsInt()) {
                    throw CachetException.configuration(where + ": '" + source + "' holds up to " + longest
                            + " characters but " + code + " (" + identifier.label() + ") holds "
                            + identifier.lengthDescription() + " and a number cannot be truncated");
                }
                if (identifier.fixedLength()) {
                    throw CachetException.configuration(where + ": '" + source + "' varies in length but " + code + " ("
                            + identifier.label() + ") holds " + identifier.lengthDescription());
                }
            }
        }
    }

    /**
     * The 2D-Doc content of a certificate of this type: its header (document type, perimeter, {@code FR}, the
     * signer's authority and certificate ids, issued and signed on {@code issued}) and, in the mapping's order, the
     * values of the sources present.
     *
     * @param certificateId the certificate's number as the registry writes it ({@code XXXX-XXXX-XXXX-XXXX-C})
     * @param expires the certificate's last day of validity, when its type has one
     * @throws CachetException (invalid input) when a value cannot be written in its identifier
     */
    public TwoDocContent content(
            ValidatedData data,
            String certificateId,
            LocalDate issued,
            Optional<LocalDate> expires,
            TwoDocSigner signer) {
        TwoDocHeader header = new TwoDocHeader(
                signer.caId(),
                signer.certificateId(),
                Optional.of(issued),
                Optional.of(issued),
                documentType,
                perimeter,
                "FR");
        List<TwoDocField> fields = new ArrayList<>();
        identifiers.forEach((source, code) -> {
            Optional<String> value =
                    switch (source) {
                        case CERTIFICATE_ID -> Optional.of(certificateId.replace("-", ""));
                        case CERTIFICATE_EXPIRES -> expires.map(LocalDate::toString);
                        default -> data.fields().text(source).filter(text -> !text.isBlank());
                    };
            value.ifPresent(text -> fields.add(field(source, code, text)));
        });
        return new TwoDocContent(header, fields);
    }

    /**
     * A Cachet value as a certificate's 2D-Doc writes it in the identifier {@code code} (names in upper case without
     * accents, dates as {@code JJMMAAAA}): what a verifier compares a 2D-Doc's field with.
     *
     * @throws CachetException (invalid input) when the value cannot be written in that identifier
     */
    public static TwoDocField written(String code, String text) {
        return field(code, code, text);
    }

    private static TwoDocField field(String source, String code, String text) {
        DataIdentifier identifier = DataIdentifiers.find(code).orElseThrow();
        try {
            return switch (identifier.kind()) {
                case DATE, PARTIAL_DATE -> TwoDocField.of(code, ddmmyyyy(text, identifier, source));
                case HEX_DATE -> TwoDocField.of(code, TwoDocDates.hex(Optional.of(LocalDate.parse(text))));
                case TEXT, DECIMAL -> TwoDocValues.fromText(code, text);
            };
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw CachetException.invalidInput("'" + source + "' cannot be written in the 2D-Doc: " + e.getMessage());
        }
    }

    /** An ISO date, or a partial one ({@code 1990}, {@code 1990-03}) where the identifier allows 00 (§7.5). */
    private static String ddmmyyyy(String iso, DataIdentifier identifier, String source) {
        if (iso.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return TwoDocDates.ddmmyyyy(LocalDate.parse(iso));
        }
        if (identifier.kind() == DataIdentifier.Kind.PARTIAL_DATE) {
            if (iso.matches("\\d{4}")) {
                return "0000" + iso;
            }
            if (iso.matches("\\d{4}-\\d{2}")) {
                return "00" + iso.substring(5) + iso.substring(0, 4);
            }
        }
        throw new IllegalArgumentException("'" + iso + "' is not a whole date, which " + identifier.code() + " ("
                + identifier.label() + ") needs");
    }
}
