package vmtool.output;

import java.io.IOException;
import java.io.Writer;

/** What goes into an output: written to a UTF-8 writer. */
@FunctionalInterface
public interface Content {
    void writeTo(Writer out) throws IOException;
}
