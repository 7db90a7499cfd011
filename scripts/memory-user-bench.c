/* The homework's memory-user as a benchmark baseline for scripts/bench-touch: allocate MB MiB, pre-fault them with
 * a non-zero memset, then stream a[i]++ over ints for SECONDS seconds; print bytes per second (bytes swept). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
int main(int argc,char**argv){
  long mb=atol(argv[1]); double secs=atof(argv[2]);
  size_t n=(size_t)mb*1024*1024/sizeof(int);
  int *a=malloc(n*sizeof(int)); if(!a){perror("malloc");return 1;}
  memset(a,1,n*sizeof(int));
  double start=now(),end=start+secs,t; long passes=0;
  do { for(size_t i=0;i<n;i++) a[i]++; passes++; t=now(); } while(t<end);
  printf("%.0f\n",(double)passes*n*sizeof(int)/(t-start));
  free(a); return 0;
}
