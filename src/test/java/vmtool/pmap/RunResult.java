package vmtool.pmap;

import java.nio.charset.StandardCharsets;

/** What one run of a pmap printed and returned: stdout as raw bytes, stderr, the exit status. */
record RunResult(int status, byte[] out, byte[] err) {

    String errText() {
        return new String(err, StandardCharsets.UTF_8);
    }

    /** The same output and status, compared byte for byte. */
    boolean sameAs(RunResult other) {
        return status == other.status && java.util.Arrays.equals(out, other.out);
    }
}
