package vmtool.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a program may be executed by vmtool, which often runs as root: OpenSSH's StrictModes for an executable.
 * Every component of the program's real path, from {@code /} down to the file, must be owned by root or by the user
 * vmtool runs as, and be writable by no one else (no group or other write bit), except a directory that is sticky
 * and owned by root (such as /tmp), where others cannot rename or remove what they do not own. The file itself must
 * be a regular file. So no one but root or that user can have put the program there, or can replace it.
 */
final class StrictModes {
    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;
    private static final int TYPE = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;

    private StrictModes() {
    }

    /**
     * Why {@code realPath} (a real path: absolute, no symbolic link in it) may not be executed by user {@code uid},
     * in words ("... is owned by uid 999"), or empty when it may.
     */
    static Optional<String> refusal(Path realPath, int uid) {
        if (!realPath.isAbsolute()) {
            return Optional.of(realPath + " is not an absolute path");
        }
        Path component = realPath.getRoot();
        Optional<String> refusal = refusal(component, uid, true);
        for (Path name : realPath) {
            if (refusal.isPresent()) {
                return refusal;
            }
            component = component.resolve(name);
            refusal = refusal(component, uid, !component.equals(realPath));
        }
        return refusal;
    }

    private static Optional<String> refusal(Path component, int uid, boolean directory) {
        int owner;
        int mode;
        try {
            owner = (Integer) Files.getAttribute(component, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            mode = (Integer) Files.getAttribute(component, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of(component + " cannot be examined (" + e.getMessage() + ")");
        }
        if ((mode & TYPE) != (directory ? DIRECTORY : REGULAR)) {
            // A link here means the path changed since it was resolved.
            return Optional.of(component + " is not a " + (directory ? "directory" : "regular file"));
        }
        if (owner != 0 && owner != uid) {
            return Optional.of(component + " is owned by uid " + owner + ", neither root nor uid " + uid);
        }
        boolean stickyRootDirectory = directory && owner == 0 && (mode & STICKY) != 0;
        if ((mode & GROUP_OR_OTHER_WRITE) != 0 && !stickyRootDirectory) {
            return Optional.of(component + " is writable by its group or others (mode "
                    + Integer.toOctalString(mode & 07777) + ")");
        }
        return Optional.empty();
    }
}
