package io.cachet.core.issue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestHomes;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.pdf.HttpTimestampAuthority;
import io.cachet.core.services.CachetServices;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether issuing can work: a real key signs, a real authority answers, and each failure says what is wrong. */
class IssuingReadinessTest {
    @TempDir
    static Path folder;

    static CachetServices services;
    static SignerKey key;

    @BeforeAll
    static void home() {
        services = TestHomes.create(folder.resolve("home"), Clock.systemUTC());
        key = services.keys().activeSigner("PAR");
    }

    @Test
    void aDevelopmentHomeIsReadyWithItsKeyAndItsOwnAuthority() {
        IssuingReadiness.Result result = services.issuance().readiness();

        assertThat(result.up()).as("%s", result).isTrue();
        assertThat(result.components())
                .extracting(IssuingReadiness.Component::name)
                .containsExactly("signingKey", "timestampAuthority");
        assertThat(result.components().get(0).detail()).contains(key.kid().hex());
    }

    @Test
    void anAuthorityThatDoesNotAnswerMakesIssuingNotReadyAndSaysWhich() throws Exception {
        URI url = closedAuthorityUrl();
        IssuingReadiness readiness =
                new IssuingReadiness(key, new HttpTimestampAuthority(url, Duration.ofSeconds(2)), Clock.systemUTC());

        IssuingReadiness.Result result = readiness.check();

        assertThat(result.up()).isFalse();
        assertThat(result.components().get(0).up()).isTrue();
        assertThat(result.components().get(1).up()).isFalse();
        assertThat(result.components().get(1).detail()).contains(url.toString());
    }

    @Test
    void anExpiredOfficeCertificateIsNotReady() throws Exception {
        Clock later = Clock.fixed(key.certificate().getNotAfter().toInstant().plusSeconds(86_400), ZoneOffset.UTC);
        IssuingReadiness readiness = new IssuingReadiness(key, absentAuthority(), later);

        IssuingReadiness.Component signingKey = readiness.check().components().get(0);

        assertThat(signingKey.up()).isFalse();
        assertThat(signingKey.detail()).contains("is not valid now");
    }

    @Test
    void aResultIsReusedForAMinuteThenCheckedAgain() throws Exception {
        MovingClock clock = new MovingClock(Instant.parse("2026-12-05T10:00:00Z"));
        IssuingReadiness readiness = new IssuingReadiness(key, absentAuthority(), clock);

        IssuingReadiness.Result first = readiness.check();
        clock.now = clock.now.plusSeconds(59);
        IssuingReadiness.Result cached = readiness.check();
        clock.now = clock.now.plusSeconds(1);
        IssuingReadiness.Result fresh = readiness.check();

        assertThat(cached).isSameAs(first);
        assertThat(fresh).isNotSameAs(first);
        assertThat(fresh.checkedAt()).isEqualTo(Instant.parse("2026-12-05T10:01:00Z"));
    }

    /** An authority nobody answers for (connections refused at once). */
    private static HttpTimestampAuthority absentAuthority() throws Exception {
        return new HttpTimestampAuthority(closedAuthorityUrl(), Duration.ofSeconds(2));
    }

    private static URI closedAuthorityUrl() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/tsr");
        }
    }

    private static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
