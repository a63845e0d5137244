package io.gridsense.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.hub.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenServiceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
    private final TokenService tokens = new TokenService("0123456789abcdef0123456789abcdef".getBytes(), clock);

    @Test
    void issuedTokenVerifies() {
        String t = tokens.issue("w-01", Role.WORKER, Duration.ofHours(1));
        assertThat(tokens.verify(t)).hasValue(new Principal("w-01", Role.WORKER, Instant.parse("2026-11-25T09:00:00Z")));
    }

    @Test
    void subjectsWithSeparatorsSurvive() {
        String t = tokens.issue("op|odd.name", Role.OPERATOR, Duration.ofMinutes(5));
        assertThat(tokens.verify(t)).map(Principal::subject).hasValue("op|odd.name");
    }

    @Test
    void expiredTokenIsRefused() {
        String t = tokens.issue("op-1", Role.OPERATOR, Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(10));
        assertThat(tokens.verify(t)).isEmpty();
    }

    @Test
    void tamperedTokenIsRefused() {
        String t = tokens.issue("w-01", Role.WORKER, Duration.ofHours(1));
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("ADMIN|" + (clock.instant().getEpochSecond() + 3600) + "|w-01").getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.verify(forged + t.substring(t.indexOf('.')))).isEmpty();
        char last = t.charAt(t.length() - 1);
        assertThat(tokens.verify(t.substring(0, t.length() - 1) + (last == 'A' ? 'B' : 'A'))).isEmpty();
    }

    @Test
    void otherSecretAndGarbageAreRefused() {
        String t = tokens.issue("w-01", Role.WORKER, Duration.ofHours(1));
        TokenService other = new TokenService("another-secret-another-secret!!!".getBytes(), clock);
        assertThat(other.verify(t)).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("a.b.c")).isEmpty();
        assertThat(tokens.verify("!!!.???")).isEmpty();
    }
}
