package io.cachet.core.twodoc;

import static java.util.Objects.requireNonNull;

/** The outcome of checking a 2D-Doc's signature. */
public sealed interface TwoDocVerification {
    /** The signature verifies with the certificate's key over the code's signed text. */
    record Valid() implements TwoDocVerification {}

    /** The signature does not verify, or the certificate cannot be the one the header names. */
    record Rejected(TwoDocReason reason, String message) implements TwoDocVerification {
        public Rejected {
            requireNonNull(reason, "reason is null");
            requireNonNull(message, "message is null");
        }
    }
}
