#!/bin/bash
# usage: capture.sh PID OUTDIR  -- captures smaps/maps/stat/status/cmdline and pmap outputs at one moment
HERE=$(cd "$(dirname "$0")" && pwd); PID=$1; OUT=$2; mkdir -p "$OUT"; cd "$OUT"
for try in $(seq 1 60); do
  cat /proc/$PID/smaps > smaps1; cat /proc/$PID/maps > maps1; cat /proc/$PID/stat > stat; cat /proc/$PID/status > status; cat /proc/$PID/cmdline > cmdline
  /usr/bin/pmap -X $PID > pmap-X.txt; /usr/bin/pmap -XX $PID > pmap-XX.txt; /usr/bin/pmap -x $PID > pmap-x.txt; /usr/bin/pmap -d $PID > pmap-d.txt; /usr/bin/pmap $PID > pmap.txt
  /usr/bin/pmap -X -q $PID > pmap-X-q.txt; /usr/bin/pmap -XX -p $PID > pmap-XX-p.txt; /usr/bin/pmap -x -p $PID > pmap-x-p.txt; /usr/bin/pmap -d -q $PID > pmap-d-q.txt
  cat /proc/$PID/smaps > smaps2; cat /proc/$PID/maps > maps2; cat /proc/$PID/stat > stat2
  if cmp -s smaps1 smaps2 && cmp -s maps1 maps2 && cmp -s stat stat2 && python3 "$HERE/validate.py" . ; then echo "stable at try $try"; exit 0; fi
  sleep 0.5
done
exit 1
