package vmtool.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The values of several fields in one call, whether they are kept as ints (all fit in 31 bits) or as longs. */
class SmapsFieldsTest {
    private static final List<String> NAMES = List.of("Size", "Rss", "Pss", "Swap");

    @Test
    void valuesAtIndexesAsKeptInInts() {
        SmapsFields fields = SmapsFields.of(NAMES, new long[] {8, 4, 2, 0});
        long[] into = {-1, -1, -1, -1, -1};
        fields.values(new int[] {3, 0, 1}, into);
        assertThat(into).containsExactly(0, 8, 4, -1, -1);
    }

    @Test
    void valuesAtIndexesAsKeptInLongs() {
        long big = 3L << 40; // a reservation of 3 PiB in kB: past 31 bits
        SmapsFields fields = SmapsFields.of(NAMES, new long[] {big, 4, 2, 1});
        long[] into = new long[4];
        fields.values(new int[] {0, 3, 2, 1}, into);
        assertThat(into).containsExactly(big, 1, 2, 4);
        assertThat(into[0]).isEqualTo(fields.value(0));
    }
}
