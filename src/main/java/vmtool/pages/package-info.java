/**
 * The real side of memory: which pages of a process are in RAM, swapped or never touched, in which frames, and what
 * they share (docs/pages.md). {@link vmtool.pages.PageReader} reads a process's pagemap (through PAGEMAP_SCAN where
 * the kernel has it, else in plain batched reads) and, for root, the frames' kpageflags and kpagecount, into
 * {@link vmtool.pages.MappingPages}: per mapping, {@link vmtool.pages.PageCounts} and optionally the
 * {@link vmtool.pages.PageRun}s. {@link vmtool.pages.PagemapEntry} and {@link vmtool.pages.KernelPageFlags} decode
 * one entry each, with every bit named.
 */
package vmtool.pages;
