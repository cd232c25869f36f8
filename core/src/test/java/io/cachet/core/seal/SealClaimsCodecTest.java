package io.cachet.core.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.upokecenter.cbor.CBORObject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SealClaimsCodecTest {
    private static final SealClaims CLAIMS = new SealClaims(
            "PAR",
            "7K2M-9QXH-4TWD-R8NB-5",
            "visa-validation",
            Instant.parse("2026-10-14T08:30:00Z"),
            Optional.of(Instant.parse("2027-10-14T08:30:00Z")),
            new Holder("EL AMRANI", "Yasmine Fatima", "1994-07-21"),
            Map.of("vn", "FRA3019284"),
            Optional.of(new SealClaims.StatusReference(90_210, "https://verif.example/api/v1/status-list")));

    @Test
    void claimsSurviveARoundTripIncludingTheStatusReference() throws Exception {
        SealClaims decoded = SealClaimsCodec.decode(CwtClaims.parse(SealClaimsCodec.encode(CLAIMS)));

        assertThat(decoded).isEqualTo(CLAIMS);
    }

    @Test
    void claimsUseIntegerKeysAndTheRegisteredCwtClaims() {
        CBORObject cwt = CBORObject.DecodeFromBytes(SealClaimsCodec.encode(CLAIMS));

        assertThat(cwt.get(1).AsString()).isEqualTo("PAR");
        assertThat(cwt.get(6).AsInt64Value())
                .isEqualTo(Instant.parse("2026-10-14T08:30:00Z").getEpochSecond());
        assertThat(cwt.get(4).AsInt64Value())
                .isEqualTo(Instant.parse("2027-10-14T08:30:00Z").getEpochSecond());
        assertThat(cwt.get(CBORObject.FromObject(-65537)).get(2).AsString()).isEqualTo("7K2M-9QXH-4TWD-R8NB-5");
        assertThat(cwt.get(65535).get("status_list").get("idx").AsInt64Value()).isEqualTo(90_210);
    }

    @Test
    void anUnknownFormatVersionIsRefused() throws Exception {
        CBORObject cwt = CBORObject.DecodeFromBytes(SealClaimsCodec.encode(CLAIMS));
        cwt.get(CBORObject.FromObject(-65537)).Set(1, 2);

        assertThatThrownBy(() -> SealClaimsCodec.decode(CwtClaims.parse(cwt.EncodeToBytes())))
                .isInstanceOfSatisfying(
                        SealFormatException.class,
                        e -> assertThat(e.reason().name()).isEqualTo("CODE_CLAIMS_MALFORMED"));
    }
}
