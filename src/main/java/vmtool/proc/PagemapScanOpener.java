package vmtool.proc;

import java.nio.file.Path;

import vmtool.nativeio.Libc;
import vmtool.nativeio.LibcException;
import vmtool.nativeio.PagemapScan;

/** Opens a pagemap for PAGEMAP_SCAN ({@link ProcFs#pagemapScan}), and says why it cannot as ProcFs says it. */
final class PagemapScanOpener {
    private PagemapScanOpener() {
    }

    static PagemapScan open(Path path, int capacity) throws ProcException, LibcException {
        try {
            return PagemapScan.open(path.toString(), capacity);
        } catch (LibcException e) {
            if (e.errno() == Libc.EACCES || e.errno() == Libc.EPERM) {
                throw new ProcException(ProcException.Kind.PERMISSION_DENIED, path,
                        "cannot read " + path + ": permission denied", e);
            }
            if (e.errno() == Libc.ENOENT || e.errno() == Libc.ESRCH) {
                throw new ProcException(ProcException.Kind.GONE, path, "cannot read " + path + ": no such process",
                        e);
            }
            throw e;
        }
    }
}
