package dev.drift.ops.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SaturatingDecimalTest {

    @Test
    void parsesNumbersALongHolds() {
        assertThat(SaturatingDecimal.parse("0")).isZero();
        assertThat(SaturatingDecimal.parse("0042")).isEqualTo(42);
        assertThat(SaturatingDecimal.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void numbersBeyondALongSaturate() {
        assertThat(SaturatingDecimal.parse("9223372036854775808")).isEqualTo(Long.MAX_VALUE);
        assertThat(SaturatingDecimal.parse("99999999999999999999999999")).isEqualTo(Long.MAX_VALUE);
    }
}
