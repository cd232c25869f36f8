package io.cachet.core.seal;

import static java.util.Objects.requireNonNull;

import io.cachet.core.report.ReasonCode;

/** A seal that cannot be read at some layer; carries the reason code that names the layer. */
public final class SealFormatException extends Exception {
    private final ReasonCode reason;

    public SealFormatException(ReasonCode reason, String message) {
        super(requireNonNull(message, "message is null"));
        this.reason = requireNonNull(reason, "reason is null");
    }

    public SealFormatException(ReasonCode reason, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.reason = requireNonNull(reason, "reason is null");
    }

    public ReasonCode reason() {
        return reason;
    }
}
