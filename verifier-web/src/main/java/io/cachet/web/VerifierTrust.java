package io.cachet.web;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.keys.Pem;
import io.cachet.core.trust.TrustOrigin;
import io.cachet.core.trust.TrustRefresh;
import io.cachet.core.trust.TrustSource;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trust of a running verifier, standalone or {@code cachet serve}: where it is read from ({@link #plan}), and
 * kept current while the server runs ({@link #keepCurrent}): read again every period and at each {@code SIGHUP},
 * until the server stops. What is read is taken only whole and checked ({@link TrustSource}).
 */
public final class VerifierTrust {
    private static final Logger LOG = LoggerFactory.getLogger(VerifierTrust.class);

    /**
     * Where the trust is read from and how often.
     *
     * @param origin a trust list at an address, a trust list file, or a trust folder
     * @param period how often it is read again (for a list at an address that says how often, {@code
     *     refreshSeconds}, only until it does)
     * @param listSetsPeriod true for a list at an address: the list's own refresh interval applies
     */
    public record Plan(TrustOrigin origin, Duration period, boolean listSetsPeriod) {
        public Plan {
            requireNonNull(origin, "origin is null");
            requireNonNull(period, "period is null");
        }
    }

    private VerifierTrust() {}

    /**
     * The list at {@code settings.listUrl()} (fetched every {@code listRefresh}), else the list in {@code listFile},
     * else the trust folder {@code trustDir} (both read every {@code reloadPeriod}). A list is accepted only when
     * signed by the root certificate in {@code pinnedRoot}, read now, once: it stays pinned while the verifier runs.
     *
     * @throws CachetException (usage) when both a list file and a list address are given, or the root is missing
     */
    public static Plan plan(Optional<Path> listFile, TrustSettings settings, Supplier<Path> pinnedRoot, Path trustDir) {
        if (listFile.isPresent() && settings.listUrl().isPresent()) {
            throw CachetException.usage("a trust list file (--trust-list) and a trust list address (trust-list-url,"
                    + " CACHET_TRUST_LIST_URL or --trust-list-url) are both given: give one of them");
        }
        if (settings.listUrl().isPresent()) {
            return new Plan(
                    TrustOrigin.listUrl(settings.listUrl().get(), root(pinnedRoot.get())),
                    settings.listRefresh(),
                    true);
        }
        if (listFile.isPresent()) {
            return new Plan(
                    TrustOrigin.listFile(listFile.get(), root(pinnedRoot.get())), settings.reloadPeriod(), false);
        }
        return new Plan(TrustOrigin.folder(trustDir), settings.reloadPeriod(), false);
    }

    /**
     * Reloads {@code source} as {@code plan} says and at each {@code SIGHUP} while {@code app} runs; stops when it
     * stops. Call once the server has started.
     */
    public static void keepCurrent(Javalin app, TrustSource source, Plan plan, Clock clock) {
        TrustRefresh refresh = TrustRefresh.start(source, plan.period(), plan.listSetsPeriod(), clock);
        Runnable hangUp = () -> {
            LOG.info("SIGHUP: reloading the trust from {}", source.current().source());
            refresh.reloadNow();
        };
        boolean onSignal = HangUpSignal.listen(hangUp);
        app.jettyServer().server().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopped(LifeCycle event) {
                HangUpSignal.remove(hangUp);
                refresh.close();
            }
        });
        LOG.info(
                "trust from {} read again every {} s{}",
                source.current().source(),
                refresh.period().toSeconds(),
                onSignal ? " and on SIGHUP" : "");
    }

    private static java.security.cert.X509Certificate root(Path pinnedRoot) {
        return Pem.readCertificates(pinnedRoot).stream()
                .findFirst()
                .orElseThrow(() -> CachetException.invalidInput("no certificate in " + pinnedRoot
                        + ": the pinned root must be the root certificate the trust list is signed by"));
    }
}
