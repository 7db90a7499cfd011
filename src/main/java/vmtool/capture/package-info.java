/**
 * The capture file of {@code vmtool ps --capture}: every process of a machine, saved to be read later, maybe on
 * another machine, by {@code ps}, {@code anatomy --program} and {@code share} ({@code --file}). docs/ps.md
 * describes the format: header lines, then for each process the small /proc files that ps reads, as the kernel
 * wrote them and prefixed with their length, then each process's smaps, framed by lines.
 */
package vmtool.capture;
