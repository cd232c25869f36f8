package io.cachet.core.batch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One row of a batch input.
 *
 * @param line the line of the input file where the row starts (from 1)
 * @param ref the row's {@code ref} column or key, if given
 * @param data the certificate data, nested as for {@code cachet issue}
 * @param key the idempotency key: {@code ref:REF} when a ref is given, else {@code sha256:HASH} of the data
 */
public record BatchRow(int line, Optional<String> ref, ObjectNode data, String key) {
    public BatchRow {
        requireNonNull(ref, "ref is null");
        requireNonNull(data, "data is null");
        requireNonNull(key, "key is null");
        if (line < 1) {
            throw new IllegalArgumentException("line counts from 1");
        }
    }
}
