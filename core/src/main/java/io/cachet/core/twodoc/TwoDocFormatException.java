package io.cachet.core.twodoc;

import static java.util.Objects.requireNonNull;

/** A 2D-Doc text that cannot be read; carries the reason code that names the broken rule. */
public final class TwoDocFormatException extends Exception {
    private final TwoDocReason reason;

    public TwoDocFormatException(TwoDocReason reason, String message) {
        super(requireNonNull(message, "message is null"));
        this.reason = requireNonNull(reason, "reason is null");
    }

    public TwoDocReason reason() {
        return reason;
    }
}
