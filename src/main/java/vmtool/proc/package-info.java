/**
 * The only code that reads {@code /proc}. Its root directory is a constructor argument of {@link vmtool.proc.ProcFs},
 * so tests can point it at fixtures.
 *
 * <p>Text from {@code /proc} is kept as the kernel wrote it: names, permissions and flags stay raw, fields stay in file
 * order, kB stays kB. Every {@code String} made from {@code /proc} bytes holds one char per byte (ISO-8859-1), so a file
 * name that is not valid UTF-8 survives unchanged and prints back byte for byte.
 */
package vmtool.proc;
