package io.cachet.core.seal;

import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** The outcome of checking a seal: authentic (possibly no longer current), or rejected with a reason. */
public sealed interface SealVerification {
    /** Every check made, in order; the report lists them. */
    List<Check> checks();

    /**
     * The signature verified with a trusted key valid at issue, and the seal was not issued in the future.
     * {@link #checks()} may still hold a failed expiry check: authentic, but not current.
     */
    record Authentic(CoseSign1 cose, CwtClaims claims, X509Certificate signer, List<Check> checks)
            implements SealVerification {
        public Authentic {
            checks = List.copyOf(checks);
        }

        public boolean expired() {
            return checks.stream().anyMatch(check -> check.reason().equals(Optional.of(ReasonCode.EXPIRED)));
        }
    }

    /** Not authentic or not readable: nothing it says may be shown as fact. */
    record Rejected(ReasonCode reason, String detail, List<Check> checks) implements SealVerification {
        public Rejected {
            checks = List.copyOf(checks);
        }
    }
}
