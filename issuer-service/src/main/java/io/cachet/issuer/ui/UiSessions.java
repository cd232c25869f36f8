package io.cachet.issuer.ui;

import static java.util.Objects.requireNonNull;

import io.cachet.issuer.Identity;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agents' sessions, kept on the server: the browser holds only a random id (256 bits) in an HttpOnly cookie. A
 * session unused for the idle timeout is gone; so is one signed out. Sign-ins under way are kept apart, bound to the
 * browser that started them, for {@link #SIGN_IN_TIMEOUT} at most. Both tables are bounded: when full, the oldest
 * entries go first.
 */
public final class UiSessions {
    static final Duration SIGN_IN_TIMEOUT = Duration.ofMinutes(10);
    static final int MAX_SESSIONS = 20_000;
    static final int MAX_SIGN_INS = 20_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signed-in agent: who, the form token that every POST must carry, and the ID token for the sign-out. */
    public static final class Session {
        private final String id;
        private final Identity identity;
        private final String csrfToken;
        private final String idToken;
        private volatile Instant lastUsed;

        Session(String id, Identity identity, String csrfToken, String idToken, Instant lastUsed) {
            this.id = id;
            this.identity = identity;
            this.csrfToken = csrfToken;
            this.idToken = idToken;
            this.lastUsed = lastUsed;
        }

        public String id() {
            return id;
        }

        public Identity identity() {
            return identity;
        }

        public String csrfToken() {
            return csrfToken;
        }

        String idToken() {
            return idToken;
        }

        /** Whether {@code token} (a form's) is this session's, compared in constant time. */
        public boolean acceptsCsrf(String token) {
            return token != null
                    && MessageDigest.isEqual(
                            token.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                            csrfToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    /** A sign-in under way: what the callback needs, and the browser it belongs to. */
    record PendingSignIn(
            String state, String nonce, String codeVerifier, String browser, String returnTo, Instant started) {}

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, PendingSignIn> signIns = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Clock clock;

    public UiSessions(Duration idleTimeout, Clock clock) {
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A new session for {@code identity}; its id goes into the cookie. */
    public Session open(Identity identity, String idToken) {
        requireNonNull(identity, "identity is null");
        expire();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream()
                    .min(java.util.Comparator.comparing(session -> session.lastUsed))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        Session session = new Session(randomId(), identity, randomId(), idToken, clock.instant());
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id (its idle time restarts), or empty when unknown, signed out or idle too long. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(session.lastUsed.plus(idleTimeout))) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.lastUsed = now;
        return Optional.of(session);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    PendingSignIn startSignIn(String browser, String returnTo, String state, String nonce, String codeVerifier) {
        expire();
        if (signIns.size() >= MAX_SIGN_INS) {
            signIns.values().stream()
                    .min(java.util.Comparator.comparing(PendingSignIn::started))
                    .ifPresent(oldest -> signIns.remove(oldest.state()));
        }
        PendingSignIn pending = new PendingSignIn(state, nonce, codeVerifier, browser, returnTo, clock.instant());
        signIns.put(state, pending);
        return pending;
    }

    /** The sign-in {@code state} names, once, if the same browser started it less than 10 minutes ago. */
    Optional<PendingSignIn> finishSignIn(String state, String browser) {
        if (state == null || browser == null) {
            return Optional.empty();
        }
        PendingSignIn pending = signIns.remove(state);
        if (pending == null
                || !MessageDigest.isEqual(
                        pending.browser().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        browser.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                || !clock.instant().isBefore(pending.started().plus(SIGN_IN_TIMEOUT))) {
            return Optional.empty();
        }
        return Optional.of(pending);
    }

    int size() {
        return sessions.size();
    }

    private void expire() {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> !now.isBefore(session.lastUsed.plus(idleTimeout)));
        signIns.values().removeIf(pending -> !now.isBefore(pending.started().plus(SIGN_IN_TIMEOUT)));
    }

    static String randomId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
