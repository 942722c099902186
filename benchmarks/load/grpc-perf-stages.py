#!/usr/bin/env python3
"""The service's CPU by stage of a gRPC batch call, from a profile run-all.sh took (PERF=1, with the JIT's perf map).

    perf script -i benchmarks/load/out/perf-01.data > /tmp/perf-01.txt
    benchmarks/load/grpc-perf-stages.py /tmp/perf-01.txt POINTS [HZ]

POINTS is the number of points answered while perf recorded (batches with warm-up × batch size), HZ the sampling rate
(PERF_HZ, 499 by default). Each sample goes to the first stage whose rule matches its thread name or one of its frames.
"""
import collections
import re
import sys


def frames_match(pattern):
    return lambda thread, frames: any(re.search(pattern, f) for f in frames)


STAGES = [
    ("GC (server GC threads)", lambda thread, frames: thread.startswith((".NET Server GC", ".NET BGC"))),
    ("JIT (tiered compilation)", lambda thread, frames: thread.startswith(".NET Tiered")),
    ("protobuf parse of the request", frames_match(r"InternalMergeFrom|MessageParser|BatchRequestReader|ParsingPrimitives|CheckBatchMethod::Read|Deserializ")),
    ("protobuf serialization", frames_match(r"CalculateSize|WriteTo|WritingPrimitives|BatchResponseWriter|CheckBatchMethod::Write|Serializ")),
    ("mapping to CheckResponse", frames_match(r"GrpcMapping::ToProto|EligibilityGrpcService::Answer|EligibilityGrpcService::Decorate|CheckResponse::\.ctor|RepeatedField.*::Add")),
    ("the answers (validate, decide, count)", frames_match(r"EligibilityBatch|EligibilityChecker|Geographie\.Spatial|RequestValidator|GrpcMapping::ToDomain")),
    ("HTTP/2, sockets, pipelines (Kestrel)", lambda thread, frames: thread.startswith(".NET Sockets")
        or frames_match(r"Http2|Kestrel|System\.Net\.Sockets|System\.IO\.Pipelines|Grpc\.AspNetCore|PipeReader|PipeWriter")(thread, frames)),
]


def main():
    path, points = sys.argv[1], float(sys.argv[2])
    hz = float(sys.argv[3]) if len(sys.argv) > 3 else 499
    counts, total = collections.Counter(), 0
    thread, frames = None, []

    def flush():
        nonlocal total
        if thread is None:
            return
        total += 1
        stage = next((name for name, rule in STAGES if rule(thread, frames)), "other (thread pool, runtime, unresolved)")
        counts[stage] += 1

    for line in open(path, errors="replace"):
        if not line.strip():
            flush()
            thread, frames = None, []
        elif not line.startswith((" ", "\t")):
            thread, frames = re.sub(r"\s+\d+\s+\d+\.\d+:.*", "", line.rstrip()), []
        else:
            frames.append(line.strip())
    flush()
    print(f"{total} samples ({total / hz:.2f} s CPU), {points:,.0f} points")
    for name, n in counts.most_common():
        print(f"| {name} | {100 * n / total:.1f} % | {n / hz / points * 1e6:.2f} µs/pt |")


if __name__ == "__main__":
    main()
