package vmtool.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lists of processes under a shared object, fitted to a terminal: a pid stays with its name. */
class TableTest {
    @Test
    void aPidStaysWithItsName() {
        String list = "11279 postgres, 11280 postgres, 11281 postgres, 11283 postgres, 11284 postgres, 11285"
                + " postgres";

        // Between words only, it broke as "..., 11284" then "postgres, 11285 postgres".
        assertThat(Table.wrapList(list, 76)).containsExactly(
                "11279 postgres, 11280 postgres, 11281 postgres, 11283 postgres,",
                "11284 postgres, 11285 postgres");
    }

    @Test
    void whatFollowsTheLastNameBreaksAsText() {
        assertThat(Table.wrapList("1821 sh, 2549 vmtool and 22 more (--detail names them)", 30)).containsExactly(
                "1821 sh, 2549 vmtool and 22", "more (--detail names them)");
    }
}
