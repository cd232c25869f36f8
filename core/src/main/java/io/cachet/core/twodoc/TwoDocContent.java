package io.cachet.core.twodoc;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a 2D-Doc signs: its header and the values of its message zone, in order.
 *
 * @param finalSeparator whether the last value is followed by a {@code <GS>} before the {@code <US>}: §3.4.1 allows
 *     it ("Le séparateur <GS> peut apparaître sur les derniers champs") and several published specimens carry one.
 *     Cachet writes none; a decoded code keeps what it had, so that its signed text is rebuilt byte for byte.
 */
public record TwoDocContent(TwoDocHeader header, List<TwoDocField> fields, boolean finalSeparator) {
    public TwoDocContent {
        requireNonNull(header, "header is null");
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a 2D-Doc message holds at least one value");
        }
    }

    /** Content as Cachet writes it: no separator after the last value. */
    public TwoDocContent(TwoDocHeader header, List<TwoDocField> fields) {
        this(header, fields, false);
    }

    /** The first value of {@code identifier}, if any. */
    public Optional<TwoDocField> field(String identifier) {
        return fields.stream().filter(f -> f.identifier().equals(identifier)).findFirst();
    }
}
