package io.cachet.core.trust;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.keys.TrustList;
import io.cachet.core.keys.TrustStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A verifier's trust, read from its {@link TrustOrigin} at start and again at each {@link #reload()}: the
 * {@link #current()} snapshot is replaced only by material that was read and checked whole, so a reload that fails
 * (a file unreadable, a list altered, signed by another root, expired or older than the one in use, a folder without
 * its root) is refused, logged, and the previous trust kept. A verification takes one snapshot and uses it
 * throughout: it never mixes two trusts. Thread-safe.
 */
public final class TrustSource {
    private static final Logger LOG = LoggerFactory.getLogger(TrustSource.class);

    /**
     * The trust in use.
     *
     * @param material what was read and checked
     * @param source where it was read from
     * @param loadedAt when it was read (the start, or the reload that brought it)
     */
    public record Snapshot(TrustMaterial material, String source, Instant loadedAt) {
        public Snapshot {
            requireNonNull(material, "material is null");
            requireNonNull(source, "source is null");
            requireNonNull(loadedAt, "loadedAt is null");
        }

        public TrustStore trust() {
            return material.trust();
        }

        /** True when it came from a trust list that has expired at {@code now}: it must be replaced. */
        public boolean expired(Instant now) {
            return material.expiresAt().filter(now::isAfter).isPresent();
        }
    }

    /** A reload that was refused, and why; the trust in use was kept. */
    public record Refusal(Instant at, String reason) {
        public Refusal {
            requireNonNull(at, "at is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /** What one {@link #reload()} did. */
    public sealed interface Outcome {
        /** New material was read and is now in use. */
        record Loaded(Snapshot snapshot) implements Outcome {}

        /** The material read is the one in use. */
        record Unchanged(Snapshot snapshot) implements Outcome {}

        /** The material could not be read or was not acceptable: the trust in use was kept. */
        record Refused(Refusal refusal) implements Outcome {}
    }

    private final Optional<TrustOrigin> origin;
    private final Clock clock;
    private volatile Snapshot current;
    private volatile Optional<Refusal> lastRefusal = Optional.empty();
    private volatile long loaded;
    private volatile long refused;
    private boolean failing;

    private TrustSource(Optional<TrustOrigin> origin, Clock clock, Snapshot first) {
        this.origin = origin;
        this.clock = requireNonNull(clock, "clock is null");
        this.current = first;
    }

    /**
     * Reads {@code origin} now; a verifier does not start on trust it cannot read.
     *
     * @throws CachetException as {@link TrustOrigin#read(Instant)}
     */
    public static TrustSource load(TrustOrigin origin, Clock clock) {
        requireNonNull(origin, "origin is null");
        Instant now = clock.instant();
        return new TrustSource(Optional.of(origin), clock, new Snapshot(origin.read(now), origin.describe(), now));
    }

    /** Trust given once, never reloaded (a verifier built in code, a CLI command that runs once). */
    public static TrustSource fixed(TrustStore trust, Clock clock) {
        requireNonNull(trust, "trust is null");
        requireNonNull(clock, "clock is null");
        return new TrustSource(
                Optional.empty(),
                clock,
                new Snapshot(
                        new TrustMaterial("fixed", trust, Optional.empty()),
                        "the trust given at start",
                        clock.instant()));
    }

    /** The trust in use now: take it once per verification. */
    public Snapshot current() {
        return current;
    }

    /** True when {@link #reload()} can read anything new (not {@link #fixed}). */
    public boolean reloadable() {
        return origin.isPresent();
    }

    /** The latest refused reload, if any (kept after later successes, with its time). */
    public Optional<Refusal> lastRefusal() {
        return lastRefusal;
    }

    /** How many reloads brought new material since start. */
    public long loadedCount() {
        return loaded;
    }

    /**
     * How many reloads were refused since start, every attempt counted (a broken file polled every few seconds adds
     * one each time): while it grows, the trust in use is not the one on disk. The log says a refusal once, until its
     * reason changes or a reload succeeds.
     */
    public long refusedCount() {
        return refused;
    }

    /**
     * Reads the origin again and puts the material in use when it differs from the current one and is acceptable: a
     * trust list must also be newer than the one in use (a higher sequence number), so that a replayed or stale copy
     * never replaces it. Never throws for what was read: a failure is an {@link Outcome.Refused}.
     */
    public synchronized Outcome reload() {
        Snapshot kept = current;
        if (origin.isEmpty()) {
            return new Outcome.Unchanged(kept);
        }
        Instant now = clock.instant();
        TrustMaterial read;
        try {
            read = origin.get().read(now);
        } catch (CachetException e) {
            return refuse(now, e.getMessage());
        } catch (RuntimeException e) {
            // Hostile or broken material must not stop the reloading, nor change the trust.
            return refuse(now, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (read.digest().equals(kept.material().digest())) {
            failing = false;
            return new Outcome.Unchanged(kept);
        }
        Optional<String> notNewer = notNewer(read.list(), kept.material().list());
        if (notNewer.isPresent()) {
            return refuse(now, notNewer.get());
        }
        Snapshot next = new Snapshot(read, origin.get().describe(), now);
        current = next;
        loaded++;
        failing = false;
        LOG.info(
                "trust reloaded from {}: {} trusted signer(s), {} timestamp anchor(s){}",
                next.source(),
                next.trust().signers().size(),
                next.trust().timestampAnchors().size(),
                read.list()
                        .map(list -> ", trust list #" + list.sequence() + " expiring " + list.expiresAt())
                        .orElse(""));
        return new Outcome.Loaded(next);
    }

    private static Optional<String> notNewer(Optional<TrustList.Accepted> read, Optional<TrustList.Accepted> kept) {
        if (read.isEmpty()
                || kept.isEmpty()
                || read.get().sequence() > kept.get().sequence()) {
            return Optional.empty();
        }
        return Optional.of("the trust list read is #" + read.get().sequence() + ", not newer than #"
                + kept.get().sequence() + " in use (a stale or replayed copy)");
    }

    private Outcome refuse(Instant now, String reason) {
        Refusal refusal = new Refusal(now, reason);
        boolean same =
                failing && lastRefusal.map(last -> last.reason().equals(reason)).orElse(false);
        lastRefusal = Optional.of(refusal);
        failing = true;
        refused++;
        if (!same) {
            Snapshot kept = current;
            LOG.warn(
                    "trust reload from {} refused, keeping the trust loaded at {}: {}",
                    origin.map(TrustOrigin::describe).orElse("?"),
                    kept.loadedAt(),
                    reason);
        }
        return new Outcome.Refused(refusal);
    }
}
