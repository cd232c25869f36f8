package io.cachet.core.types;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * One field of a certificate type, as declared in the type's {@code type.json}.
 *
 * @param name the field's path in the input data, dot-separated (e.g. {@code holder.familyName})
 * @param label the field's label in French, for error messages and {@code cachet types show}
 * @param kind {@code text}, {@code date} (ISO 8601 {@code YYYY-MM-DD}) or {@code choice}
 * @param required whether the field must be present and non-blank
 * @param maxLength the longest text accepted (text fields)
 * @param values the accepted values (choice fields)
 * @param seal the field's key in the seal's type fields, when the seal carries it
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record FieldSpec(
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty(value = "label", required = true) String label,
        @JsonProperty(value = "kind", required = true) Kind kind,
        @JsonProperty("required") boolean required,
        @JsonProperty("maxLength") Integer maxLength,
        @JsonProperty("values") List<String> values,
        @JsonProperty("seal") String seal) {
    public enum Kind {
        @JsonProperty("text")
        TEXT,
        @JsonProperty("date")
        DATE,
        @JsonProperty("choice")
        CHOICE
    }

    public FieldSpec {
        requireNonNull(name, "name is null");
        requireNonNull(label, "label is null");
        requireNonNull(kind, "kind is null");
        values = values == null ? List.of() : List.copyOf(values);
        if (kind == Kind.CHOICE && values.isEmpty()) {
            throw new IllegalArgumentException("choice field " + name + " lists no values");
        }
    }

    public Optional<String> sealKey() {
        return Optional.ofNullable(seal);
    }

    public int maxLengthOrDefault() {
        return maxLength == null ? 200 : maxLength;
    }
}
