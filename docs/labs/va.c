/* va.c: the homework's program (code, heap and stack addresses), plus its pid and a pause so that
 * its address space can be inspected: run it, then `scripts/vmtool pmap -X PID` in another shell.
 * Build: gcc -o va docs/labs/va.c     Run: ./va [SECONDS]   (default 60) */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char *argv[]) {
  unsigned seconds = argc > 1 ? (unsigned) atoi(argv[1]) : 60;
  printf("pid %d\n", (int) getpid());
  printf("location of code : %p\n", (void *) main);
  printf("location of heap : %p\n", malloc(100e6));
  int x = 3;
  printf("location of stack: %p\n", (void *) &x);
  fflush(stdout);
  sleep(seconds);
  return x;
}
