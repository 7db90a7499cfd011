package vmtool.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The four letters of a mapping line: each of the 16 forms the kernel writes, and nothing else. */
class PermissionsTest {
    @Test
    void everyFormTheKernelWritesMeansWhatItsLettersSay() {
        for (char read : "r-".toCharArray()) {
            for (char write : "w-".toCharArray()) {
                for (char execute : "x-".toCharArray()) {
                    for (char sharing : "sp".toCharArray()) {
                        String text = "" + read + write + execute + sharing;
                        Permissions perms = Permissions.parse(text);
                        assertThat(perms.text()).isEqualTo(text);
                        assertThat(perms.read()).isEqualTo(read == 'r');
                        assertThat(perms.write()).isEqualTo(write == 'w');
                        assertThat(perms.execute()).isEqualTo(execute == 'x');
                        assertThat(perms.shared()).isEqualTo(sharing == 's');
                        assertThat(Permissions.ofLetters((byte) read, (byte) write, (byte) execute, (byte) sharing))
                                .as("from bytes, as the parser decodes them").isSameAs(perms);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "r-x", "r-xpp", "w--p", "r-x-", "rwxS", "R-xp", "r-xP", "--xs ", "ffff"})
    void anythingElseIsRefused(String text) {
        assertThatThrownBy(() -> Permissions.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a permission field");
        if (text.length() == 4) {
            assertThat(Permissions.ofLetters(text.charAt(0), text.charAt(1), text.charAt(2), text.charAt(3))).isNull();
        }
    }
}
