package vmtool.output;

import java.io.IOException;

/** vmtool will not write there: the message is one line saying why and what to do instead. */
public final class OutputRefused extends IOException {
    private static final long serialVersionUID = 1L;

    OutputRefused(String reason) {
        super(reason);
    }
}
