package io.cachet.issuer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.issuer.Identity;
import io.cachet.issuer.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sessions end when idle or signed out; a sign-in finishes once, in the browser that started it, in time. */
class UiSessionsTest {
    private final MovingClock clock = new MovingClock();
    private final UiSessions sessions = new UiSessions(Duration.ofMinutes(30), clock);
    private final Identity agent = new Identity("agent-1", Optional.of("Camille"), Set.of(Role.ISSUE));

    @Test
    void aSessionLivesWhileUsedAndEndsAfterTheIdleTimeout() {
        UiSessions.Session session = sessions.open(agent, "id-token");

        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(sessions.find(session.id())).isPresent();
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(sessions.find(session.id())).as("used 29 minutes ago").isPresent();
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void aClosedOrUnknownSessionIsNotFoundAndIdsAreUnguessable() {
        UiSessions.Session session = sessions.open(agent, "id-token");
        UiSessions.Session other = sessions.open(agent, "id-token");

        sessions.close(session.id());

        assertThat(sessions.find(session.id())).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("forged")).isEmpty();
        assertThat(other.id()).hasSize(43).isNotEqualTo(session.id());
        assertThat(other.csrfToken()).isNotEqualTo(other.id());
    }

    @Test
    void theCsrfTokenIsTheSessionsOnly() {
        UiSessions.Session session = sessions.open(agent, "id-token");
        UiSessions.Session other = sessions.open(agent, "id-token");

        assertThat(session.acceptsCsrf(session.csrfToken())).isTrue();
        assertThat(session.acceptsCsrf(other.csrfToken())).isFalse();
        assertThat(session.acceptsCsrf(null)).isFalse();
        assertThat(session.acceptsCsrf("")).isFalse();
    }

    @Test
    void aSignInFinishesOnceOnlyInItsBrowserWithinTenMinutes() {
        sessions.startSignIn("browser-a", "/ui", "state-1", "nonce", "verifier");
        sessions.startSignIn("browser-a", "/ui", "state-2", "nonce", "verifier");
        sessions.startSignIn("browser-a", "/ui", "state-3", "nonce", "verifier");

        assertThat(sessions.finishSignIn("state-1", "browser-b"))
                .as("another browser")
                .isEmpty();
        assertThat(sessions.finishSignIn("state-1", "browser-a"))
                .as("consumed by the failed attempt")
                .isEmpty();
        assertThat(sessions.finishSignIn("state-2", "browser-a")).isPresent();
        assertThat(sessions.finishSignIn("state-2", "browser-a")).as("replayed").isEmpty();
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertThat(sessions.finishSignIn("state-3", "browser-a")).as("too late").isEmpty();
    }

    @Test
    void onlyPathsOfThePagesAreReturnedTo() {
        assertThat(UiAccess.safeReturn("/ui/certificates?name=x")).isEqualTo("/ui/certificates?name=x");
        assertThat(UiAccess.safeReturn("https://evil.example/ui")).isEqualTo("/ui");
        assertThat(UiAccess.safeReturn("//evil.example/ui")).isEqualTo("/ui");
        assertThat(UiAccess.safeReturn("/ui//evil.example")).isEqualTo("/ui");
        assertThat(UiAccess.safeReturn("/api/v1/certificates")).isEqualTo("/ui");
        assertThat(UiAccess.safeReturn("/ui\r\nSet-Cookie: x=y")).isEqualTo("/ui");
        assertThat(UiAccess.safeReturn(null)).isEqualTo("/ui");
    }

    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-05T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
