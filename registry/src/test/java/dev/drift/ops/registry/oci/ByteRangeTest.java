package dev.drift.ops.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void resolvesTheThreeForms() {
        assertThat(ByteRange.parse("bytes=2-5", 10)).isEqualTo(new ByteRange(2, 5));
        assertThat(ByteRange.parse("bytes=7-", 10)).isEqualTo(new ByteRange(7, 9));
        assertThat(ByteRange.parse("bytes=-3", 10)).isEqualTo(new ByteRange(7, 9));
        assertThat(ByteRange.parse("bytes=5-100", 10)).isEqualTo(new ByteRange(5, 9));
    }

    @Test
    void absentOrMultipleRangesMeanTheWholeBlob() {
        assertThat(ByteRange.parse(null, 10)).isNull();
        assertThat(ByteRange.parse("bytes=0-1,4-5", 10)).isNull();
        assertThat(ByteRange.parse("items=0-1", 10)).isNull();
    }

    @Test
    void unsatisfiableRangesCarryTheSize() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=10-12", 10))
                .isInstanceOfSatisfying(ByteRange.RangeNotSatisfiableException.class, e -> assertThat(e.size()).isEqualTo(10));
        assertThatThrownBy(() -> ByteRange.parse("bytes=5-2", 10)).isInstanceOf(ByteRange.RangeNotSatisfiableException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 10)).isInstanceOf(ByteRange.RangeNotSatisfiableException.class);
    }

    @Test
    void numbersBeyondALongAreTooLargePositions() {
        String aboveLong = "9223372036854775808";
        assertThatThrownBy(() -> ByteRange.parse("bytes=" + aboveLong + "-", 10))
                .isInstanceOf(ByteRange.RangeNotSatisfiableException.class);
        assertThat(ByteRange.parse("bytes=0-" + aboveLong, 10)).isEqualTo(new ByteRange(0, 9));
        assertThat(ByteRange.parse("bytes=-" + aboveLong, 10)).isEqualTo(new ByteRange(0, 9));
    }
}
