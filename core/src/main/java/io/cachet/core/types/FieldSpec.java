package io.cachet.core.types;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * One field of a certificate type, as declared in the type's {@code type.json}.
 *
 * @param name the field's path in the input data, dot-separated (e.g. {@code holder.familyName}); for the
 *     sub-fields of a list, the path inside one item (e.g. {@code birthDate})
 * @param label the field's label in French, for error messages and {@code cachet types show}
 * @param kind {@code text}, {@code date} (ISO 8601 {@code YYYY-MM-DD}), {@code time} (24-hour {@code HH:MM}),
 *     {@code choice} or {@code list} (a JSON
 *     array of objects, each with the {@code fields} declared here)
 * @param required whether the field must be present and non-blank (for a list: present, with at least one item
 *     unless {@code minItems} says otherwise)
 * @param maxLength the longest text accepted (text fields)
 * @param values the accepted values (choice fields)
 * @param seal the field's key in the seal's type fields, when the seal carries it (not for lists)
 * @param fields the sub-fields of each item (list fields only; they may not be lists themselves)
 * @param minItems the fewest items a list accepts when present (default 0, or 1 when required)
 * @param maxItems the most items a list accepts (default 20)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record FieldSpec(
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty(value = "label", required = true) String label,
        @JsonProperty(value = "kind", required = true) Kind kind,
        @JsonProperty("required") boolean required,
        @JsonProperty("maxLength") Integer maxLength,
        @JsonProperty("values") List<String> values,
        @JsonProperty("seal") String seal,
        @JsonProperty("fields") List<FieldSpec> fields,
        @JsonProperty("minItems") Integer minItems,
        @JsonProperty("maxItems") Integer maxItems) {
    public enum Kind {
        @JsonProperty("text")
        TEXT,
        @JsonProperty("date")
        DATE,
        @JsonProperty("choice")
        CHOICE,
        @JsonProperty("time")
        TIME,
        @JsonProperty("list")
        LIST
    }

    private static final int DEFAULT_MAX_ITEMS = 20;

    public FieldSpec {
        requireNonNull(name, "name is null");
        requireNonNull(label, "label is null");
        requireNonNull(kind, "kind is null");
        values = values == null ? List.of() : List.copyOf(values);
        fields = fields == null ? List.of() : List.copyOf(fields);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a field has a blank name");
        }
        if (maxLength != null && (kind != Kind.TEXT || maxLength < 1)) {
            throw new IllegalArgumentException("field " + name + ": maxLength " + maxLength
                    + (kind != Kind.TEXT ? " belongs to text fields only" : " must be at least 1"));
        }
        if (!values.isEmpty() && kind != Kind.CHOICE) {
            throw new IllegalArgumentException("field " + name + ": values belong to choice fields only");
        }
        if (minItems != null && minItems < 0) {
            throw new IllegalArgumentException("field " + name + ": minItems " + minItems + " is negative");
        }
        if (maxItems != null && maxItems < 1) {
            throw new IllegalArgumentException("field " + name + ": maxItems " + maxItems + " must be at least 1");
        }
        if (kind == Kind.CHOICE && values.isEmpty()) {
            throw new IllegalArgumentException("choice field " + name + " lists no values");
        }
        if (kind == Kind.LIST) {
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("list field " + name + " declares no item fields");
            }
            if (fields.stream().anyMatch(field -> field.kind() == Kind.LIST)) {
                throw new IllegalArgumentException("list field " + name + " nests a list: lists hold plain fields");
            }
            if (seal != null || fields.stream().anyMatch(field -> field.seal() != null)) {
                throw new IllegalArgumentException(
                        "list field " + name + " cannot go into the seal: the seal carries short single fields only");
            }
            if (minItems != null && maxItems != null && minItems > maxItems) {
                throw new IllegalArgumentException(
                        "list field " + name + " has minItems " + minItems + " > maxItems " + maxItems);
            }
        } else if (!fields.isEmpty() || minItems != null || maxItems != null) {
            throw new IllegalArgumentException(
                    "field " + name + " is not a list: fields, minItems and maxItems belong to list fields");
        }
    }

    public Optional<String> sealKey() {
        return Optional.ofNullable(seal);
    }

    public int maxLengthOrDefault() {
        return maxLength == null ? 200 : maxLength;
    }

    /** The fewest items of a present list: {@code minItems}, else 1 for a required list, else 0. */
    public int minItemsOrDefault() {
        return minItems != null ? minItems : required ? 1 : 0;
    }

    public int maxItemsOrDefault() {
        return maxItems == null ? DEFAULT_MAX_ITEMS : maxItems;
    }
}
