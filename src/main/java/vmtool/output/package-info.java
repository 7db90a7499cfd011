/**
 * Output files written safely as root: {@link vmtool.output.Destinations} walks an output path so that nobody but
 * root and the invoking user can redirect it (no link that another user owns is followed, nothing in a directory
 * that others can change is written), and {@link vmtool.output.OutputFiles} writes what it found: a regular file
 * replaced whole by a rename, a FIFO, device or descriptor written in place, never replaced. docs/map.md says what
 * a user sees.
 */
package vmtool.output;
