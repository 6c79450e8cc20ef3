package dev.modelport.registry.blob.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.registry.blob.device.RangeRequest.ByteRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9110 §14.1.2 range sets resolved against a 1,000-byte blob. */
class RangeRequestTest {

    private static RangeRequest parse(String header) {
        return RangeRequest.parse(header, 1000);
    }

    @Test
    void firstLastSuffixAndOpenEndedRangesAreClipped() {
        assertThat(parse("bytes=0-9, 990-2000 ,-5,995-")).isEqualTo(new RangeRequest.Ranges(List.of(
                new ByteRange(0, 9), new ByteRange(990, 999), new ByteRange(995, 999), new ByteRange(995, 999))));
        assertThat(parse("BYTES=-5000")).isEqualTo(new RangeRequest.Ranges(List.of(new ByteRange(0, 999))));
        assertThat(parse("bytes=5-99999999999999999999999")).isEqualTo(
                new RangeRequest.Ranges(List.of(new ByteRange(5, 999))));
    }

    @Test
    void rangesThatMissTheBlobAreDroppedAndNoneLeftIsUnsatisfiable() {
        assertThat(parse("bytes=1000-,2000-3000")).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(parse("bytes=-0")).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(parse("bytes=5000-6000,1-1")).isEqualTo(new RangeRequest.Ranges(List.of(new ByteRange(1, 1))));
        assertThat(RangeRequest.parse("bytes=0-", 0)).isInstanceOf(RangeRequest.Unsatisfiable.class);
    }

    @Test
    void invalidOrForeignOrAbusiveHeadersAreIgnored() {
        for (String header : new String[] {null, "items=0-1", "bytes=5-1", "bytes=a-b", "bytes=1", "bytes=-",
                "bytes=", "bytes=0-1;x", "bytes=" + "0-0,".repeat(RangeRequest.MAX_RANGES + 1)}) {
            assertThat(parse(header)).as(String.valueOf(header)).isInstanceOf(RangeRequest.Whole.class);
        }
    }
}
