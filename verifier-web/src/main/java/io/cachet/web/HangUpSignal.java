package io.cachet.web;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SIGHUP} asks a running verifier to reload its trust now (as {@code nginx -s reload} or {@code kill -HUP}).
 * Java has no public API for signals: this uses {@code sun.misc.Signal} of the {@code jdk.unsupported} module, which
 * the JDK exports for exactly such uses, without reflection. Where the signal cannot be handled (Windows has no
 * {@code SIGHUP}; a JVM started with {@code -Xrs} or under {@code nohup}; a runtime image without
 * {@code jdk.unsupported}), the verifier
 * says so in its log and still reloads by polling. Once handled here, {@code SIGHUP} no longer stops the JVM (its
 * default); {@code SIGTERM} and Ctrl-C still do.
 */
final class HangUpSignal {
    private static final Logger LOG = LoggerFactory.getLogger(HangUpSignal.class);
    private static final Set<Runnable> LISTENERS = new CopyOnWriteArraySet<>();
    private static boolean installed;
    private static boolean unavailable;

    private HangUpSignal() {}

    /**
     * Runs {@code listener} at each {@code SIGHUP} until {@link #remove}d.
     *
     * @return false when {@code SIGHUP} cannot be handled in this JVM (logged once)
     */
    static synchronized boolean listen(Runnable listener) {
        if (!installed && !unavailable) {
            try {
                sun.misc.SignalHandler previous =
                        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> LISTENERS.forEach(Runnable::run));
                // A process started with the signal ignored (nohup) keeps it ignored: the JVM does not take it.
                installed = previous != sun.misc.SignalHandler.SIG_IGN;
                unavailable = !installed;
                if (unavailable) {
                    LOG.warn("SIGHUP is ignored in this process (started with nohup?): the trust is reloaded by"
                            + " polling only");
                }
            } catch (IllegalArgumentException | LinkageError e) {
                unavailable = true;
                LOG.warn(
                        "SIGHUP cannot be handled in this JVM ({}): the trust is reloaded by polling only",
                        e.getMessage());
            }
        }
        if (installed) {
            LISTENERS.add(listener);
        }
        return installed;
    }

    static void remove(Runnable listener) {
        LISTENERS.remove(listener);
    }
}
