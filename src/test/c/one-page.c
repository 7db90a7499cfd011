/*
 * one-page: a library small enough that the linker (with -z noseparate-code, without the C library) puts every
 * segment in the file's first page: each of its mappings then has file offset 0, as Firefox's libmozgtk.so's do.
 * Built by AnatomyHelper.java; mapped by sandboxed.c's one-page mode.
 */
int one_page_value = 7;

int one_page(int x) {
    return x + one_page_value;
}
