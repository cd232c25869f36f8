package io.cachet.core.types;

import static java.util.Objects.requireNonNull;

import io.cachet.core.seal.Holder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input data that passed validation for one type.
 *
 * @param values every present field's value by its dotted path, in the type's declared order
 */
public record ValidatedData(CertificateType type, Holder holder, Map<String, String> values) {
    public ValidatedData {
        requireNonNull(type, "type is null");
        requireNonNull(holder, "holder is null");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The type's short fields that the seal carries, by their seal key. */
    public Map<String, String> sealFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldSpec field : type.fields()) {
            if (field.sealKey().isPresent() && values.containsKey(field.name())) {
                fields.put(field.sealKey().get(), values.get(field.name()));
            }
        }
        return fields;
    }

    /** The values as nested maps ({@code holder.familyName} → {@code {holder: {familyName: …}}}) for templates. */
    public Map<String, Object> model() {
        Map<String, Object> model = new LinkedHashMap<>();
        values.forEach((path, value) -> put(model, path.split("\\."), 0, value));
        return model;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> map, String[] path, int index, String value) {
        if (index == path.length - 1) {
            map.put(path[index], value);
            return;
        }
        Object child = map.computeIfAbsent(path[index], key -> new LinkedHashMap<String, Object>());
        put((Map<String, Object>) child, path, index + 1, value);
    }
}
