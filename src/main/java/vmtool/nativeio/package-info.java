/**
 * The few libc calls Java lacks, and the only package that sees JNA (OnlyNativeioUsesJnaTest holds that). The rest
 * of vmtool calls {@link vmtool.nativeio.Libc} and {@link vmtool.nativeio.SysvSegment}, with addresses as longs and
 * failures as {@link vmtool.nativeio.LibcException} (errno and strerror). JNA loads at the first call, not with
 * these classes: pmap calls only for a non-ASCII command line or a SysV shm mapping, touch only for {@code --lock} and
 * {@code --hugepages} (StartupPathTest holds that).
 */
package vmtool.nativeio;
