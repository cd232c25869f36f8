package io.cachet.core.types;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.cachet.core.CachetException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The checks of a {@code type.json} that its JSON shape cannot express, and the words for what is wrong in it: every
 * problem names the file, the place in it ({@code fields[5] (holder.sex).kind}) and the value, when the catalogue
 * is loaded, so that a bad descriptor never surfaces later as an exception at issuance.
 */
final class DescriptorProblems {
    /** The longest validity a type may declare: longer is a typo (P100D meant), or overflows an expiry date. */
    static final int MAX_VALIDITY_YEARS = 100;

    private DescriptorProblems() {}

    /**
     * A positive ISO 8601 period no longer than {@value #MAX_VALIDITY_YEARS} years.
     *
     * @throws CachetException CONFIGURATION naming {@code file} and the value otherwise
     */
    static Period validity(Path file, String text) {
        Period period;
        try {
            period = Period.parse(text);
        } catch (DateTimeParseException e) {
            throw CachetException.configuration(
                    file + ": validity '" + text + "' is not an ISO 8601 period such as P1Y, P6M or P90D");
        }
        if (period.isNegative() || period.isZero()) {
            throw CachetException.configuration(file + ": validity '" + text + "' must be a positive period (a"
                    + " certificate cannot expire when it is issued); a type whose certificates do not expire leaves"
                    + " validity out");
        }
        LocalDate start = LocalDate.of(2000, 1, 1);
        boolean tooLong;
        try {
            tooLong = start.plus(period).isAfter(start.plusYears(MAX_VALIDITY_YEARS));
        } catch (DateTimeException | ArithmeticException e) {
            tooLong = true;
        }
        if (tooLong) {
            throw CachetException.configuration(
                    file + ": validity '" + text + "' is longer than " + MAX_VALIDITY_YEARS + " years");
        }
        return period;
    }

    /** The holder's fields are declared, with the kinds the seal needs (text names, a date of birth). */
    static void checkHolderFields(Path file, Map<String, FieldSpec> fields) {
        for (String name : DataValidator.HOLDER_FIELDS) {
            FieldSpec field = fields.get(name);
            if (field == null) {
                throw CachetException.configuration(file + " declares no field '" + name + "': every type needs "
                        + String.join(", ", DataValidator.HOLDER_FIELDS) + " (the seal carries them)");
            }
            FieldSpec.Kind expected = name.equals(DataValidator.BIRTH_DATE) ? FieldSpec.Kind.DATE : FieldSpec.Kind.TEXT;
            if (field.kind() != expected) {
                throw CachetException.configuration(file + ": the field '" + name + "' is of kind "
                        + kindName(field.kind()) + "; it must be of kind " + kindName(expected));
            }
        }
    }

    /** What Jackson found wrong, said with the place in the file and the field's name. */
    static String describe(JsonMappingException e, JsonNode tree) {
        String where = where(e, tree);
        String what;
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == FieldSpec.Kind.class) {
            what = "kind '" + invalid.getValue() + "' is not one of "
                    + Arrays.stream(FieldSpec.Kind.values())
                            .map(DescriptorProblems::kindName)
                            .collect(Collectors.joining(", "));
        } else if (e instanceof InvalidFormatException invalid) {
            what = "'" + invalid.getValue() + "' is not a valid "
                    + invalid.getTargetType().getSimpleName().toLowerCase(Locale.ROOT);
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            what = "unknown property '" + unknown.getPropertyName() + "' (known: "
                    + unknown.getKnownPropertyIds().stream()
                            .map(String::valueOf)
                            .sorted()
                            .toList() + ")";
        } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
            what = e.getCause().getMessage();
        } else {
            what = e.getOriginalMessage();
        }
        return where.isEmpty() ? what : where + ": " + what;
    }

    /** {@code fields[5] (holder.sex).kind}: the path Jackson reports, with each field's declared name. */
    private static String where(JsonMappingException e, JsonNode tree) {
        StringBuilder path = new StringBuilder();
        JsonNode node = tree;
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
                node = node == null ? null : node.get(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
                node = node == null ? null : node.get(reference.getIndex());
                JsonNode name = node == null ? null : node.get("name");
                if (name != null && name.isTextual()) {
                    path.append(" (").append(name.asText()).append(')');
                }
            }
        }
        return path.toString();
    }

    static String kindName(FieldSpec.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
