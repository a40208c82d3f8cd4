#!/usr/bin/env python3
"""Reads `perf script -F comm,tid,ip,sym,dso` of the server under the consultants' loop and prints where its CPU went.

A sample belongs to the first group whose marker its stack contains, in the order below. Stacks that enter native
SQLite (or libc, or the kernel) lose their managed callers, because those libraries keep no frame pointers: they are
counted together as "SQLite and I/O". Async continuations start from the thread pool, so a request's samples after its
first real await count under whatever continues it, not always under its endpoint: read the endpoint rows as lower
bounds.
"""
import collections
import sys

ENDPOINTS = [
    ("TaskEndpoints::QueryAsync", "GET /api/tasks (inbox, find)"),
    ("MapCaseEndpoints>b__1_2", "GET /api/cases/{id} (detail)"),
    ("MapCaseEndpoints>b__1_0", "POST /api/cases (open)"),
    ("MapTaskEndpoints>b__1_4", "POST /api/tasks/{id}/complete"),
    ("MapTaskEndpoints", "POST /api/tasks/{id}/claim"),
]


def samples(path):
    current = None
    with open(path, errors="replace") as lines:
        for line in lines:
            if not line.strip():
                if current:
                    yield current
                current = None
            elif not line.startswith("\t"):
                current = (line.strip(), [])
            elif current:
                current[1].append(line.strip())
    if current:
        yield current


def group(thread, frames):
    stack = "\n".join(frames)
    if "libclrjit" in stack:
        return "JIT compiling (tiered; less in a precompiled server)"
    for marker, name in ENDPOINTS:
        if marker in stack:
            return name
    if "SessionCheck" in stack:
        return "session check (every request)"
    if "ProcessRequests" in stack or "Kestrel" in stack:
        return "Kestrel, JSON and middleware"
    if "Hangfire" in stack:
        return "Hangfire"
    if "BatchingStage" in stack or "SqliteGroupCommit" in stack or "WalCheckpoint" in stack:
        return "engine writer (group commit)"
    if thread.startswith(".NET Server GC") or thread.startswith(".NET BGC") or "gc_heap" in stack:
        return "garbage collector"
    if thread.startswith(".NET TP Worker") and frames and any(lib in frames[0] for lib in ("libe_sqlite3", "libc.so", "kernel")):
        return "SQLite and I/O (native stacks: callers not seen)"
    return "other"


def main():
    counts = collections.Counter(group(thread, frames) for thread, frames in samples(sys.argv[1]))
    total = sum(counts.values()) or 1
    print("| where | share of the server's CPU samples |")
    print("| --- | --- |")
    for name, n in counts.most_common():
        print(f"| {name} | {100 * n / total:.1f} % |")
    print(f"samples={total}")


if __name__ == "__main__":
    main()
