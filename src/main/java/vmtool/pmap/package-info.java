/**
 * {@code vmtool pmap}: what procps-ng pmap prints, byte for byte, rendered from a model read once.
 *
 * <p>Text here is "byte text": one char per byte (ISO-8859-1), as read from /proc, and written back the same way.
 */
package vmtool.pmap;
