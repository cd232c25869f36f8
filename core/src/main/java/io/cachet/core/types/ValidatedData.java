package io.cachet.core.types;

import static java.util.Objects.requireNonNull;

import io.cachet.core.seal.Holder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Input data that passed validation for one type.
 *
 * @param fields every present field's value: single fields by dotted path, lists as items
 */
public record ValidatedData(CertificateType type, Holder holder, FieldValues fields) {
    public ValidatedData {
        requireNonNull(type, "type is null");
        requireNonNull(holder, "holder is null");
        requireNonNull(fields, "fields is null");
    }

    /** Every present single field's value by its dotted path, in the type's declared order. */
    public Map<String, String> values() {
        return fields.values();
    }

    /** The type's short fields that the seal carries, by their seal key. */
    public Map<String, String> sealFields() {
        Map<String, String> sealed = new LinkedHashMap<>();
        for (FieldSpec field : type.fields()) {
            if (field.sealKey().isPresent() && fields.values().containsKey(field.name())) {
                sealed.put(field.sealKey().get(), fields.values().get(field.name()));
            }
        }
        return sealed;
    }

    /**
     * The values as nested maps for templates: {@code holder.familyName} → {@code {holder: {familyName: …}}}; a list
     * field is a list of such maps (an empty list when absent), for {@code th:each}.
     */
    public Map<String, Object> model() {
        Map<String, Object> model = new LinkedHashMap<>();
        fields.values().forEach((path, value) -> put(model, path.split("\\."), 0, value));
        for (FieldSpec field : type.fields()) {
            if (field.kind() == FieldSpec.Kind.LIST) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (Map<String, String> item : fields.list(field.name())) {
                    Map<String, Object> nested = new LinkedHashMap<>();
                    item.forEach((path, value) -> put(nested, path.split("\\."), 0, value));
                    items.add(nested);
                }
                put(model, field.name().split("\\."), 0, items);
            }
        }
        return model;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> map, String[] path, int index, Object value) {
        if (index == path.length - 1) {
            map.put(path[index], value);
            return;
        }
        Object child = map.computeIfAbsent(path[index], key -> new LinkedHashMap<String, Object>());
        put((Map<String, Object>) child, path, index + 1, value);
    }
}
