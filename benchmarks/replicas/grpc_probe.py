#!/usr/bin/python3
"""gRPC load through the balancer for the replica script: unary Check calls with one fixed request, counting
every status code. Run with Debian's python3-grpcio: /usr/bin/python3 grpc_probe.py TARGET REQUEST.bin SECONDS THREADS"""
import collections
import sys
import threading
import time

import grpc

target, request_file, seconds, threads = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
with open(request_file, "rb") as f:
    framed = f.read()
request = framed[5:]  # h2load's file is a gRPC frame: 1 flag byte + 4 length bytes, then the message
counts = collections.Counter()
lock = threading.Lock()
deadline = time.monotonic() + seconds


def worker():
    channel = grpc.insecure_channel(target)
    check = channel.unary_unary("/geographie.v1.Eligibility/Check")
    local = collections.Counter()
    while time.monotonic() < deadline:
        try:
            check(request, timeout=5)
            local["OK"] += 1
        except grpc.RpcError as error:
            local[error.code().name] += 1
    with lock:
        counts.update(local)


pool = [threading.Thread(target=worker) for _ in range(threads)]
for t in pool:
    t.start()
for t in pool:
    t.join()
print("GRPC " + " ".join(f"{k}={v}" for k, v in sorted(counts.items())))
