/**
 * The few libc calls Java lacks, and the only package that sees JNA (OnlyNativeioUsesJnaTest holds that). The rest
 * of vmtool calls {@link vmtool.nativeio.Libc}, {@link vmtool.nativeio.SysvSegment} and
 * {@link vmtool.nativeio.ForeignFile}, with addresses as longs and failures as {@link vmtool.nativeio.LibcException}
 * (errno and strerror). JNA loads at the first call, not with these classes: pmap calls only for a non-ASCII command
 * line, a SysV shm mapping or {@code --json} and {@code --csv} (the ELF headers of another process's libraries, read by ForeignFile, as
 * anatomy and where do), touch only for {@code --lock} and {@code --hugepages} (StartupPathTest holds that); any
 * command that reads a process's exe link whose text is not plain ASCII ({@link vmtool.nativeio.Libc#readLink}).
 */
package vmtool.nativeio;
