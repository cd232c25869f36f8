package io.cachet.core.registry;

import static java.util.Objects.requireNonNull;

/** The outcome of checking the event log's hash chain. */
public sealed interface AuditResult {
    /** Every entry links to the one before and hashes as recorded. */
    record Intact(long events, String headHash) implements AuditResult {
        public Intact {
            requireNonNull(headHash, "headHash is null");
        }
    }

    /** The first entry where the chain breaks, and how. */
    record Broken(long seq, String problem, long checkedBefore) implements AuditResult {
        public Broken {
            requireNonNull(problem, "problem is null");
        }
    }
}
