#!/usr/bin/env python3
"""Copies what vmtool reads of live processes into the fake /proc src/test/proc, for the golden tests (README.md here).

usage: src/test/fixture-tools/capture-proc.py PID...   (as root, from the checkout's top; the processes should be quiet)
"""
import os
import sys

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "proc")
FILES = ["cmdline", "comm", "stat", "status", "maps", "smaps", "smaps_rollup"]
TASK_FILES = ["comm", "stat", "syscall"]


def copy(src, dst):
    try:
        with open(src, "rb") as f:
            data = f.read()
    except (PermissionError, FileNotFoundError, ProcessLookupError, OSError) as e:
        print(f"capture: {src}: {e}; left out", file=sys.stderr)
        return
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    with open(dst, "wb") as f:
        f.write(data)


def capture(pid):
    src = f"/proc/{pid}"
    dst = os.path.join(HERE, str(pid))
    for name in FILES:
        copy(f"{src}/{name}", f"{dst}/{name}")
    try:
        target = os.readlink(f"{src}/exe")
        os.symlink(target, f"{dst}/exe")
    except FileNotFoundError:
        pass  # a kernel thread has no executable
    for tid in sorted(os.listdir(f"{src}/task"), key=int):
        for name in TASK_FILES:
            copy(f"{src}/task/{tid}/{name}", f"{dst}/task/{tid}/{name}")


for arg in sys.argv[1:]:
    capture(int(arg))
