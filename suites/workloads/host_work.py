#!/usr/bin/env python3
"""Measures hashing and compression throughput of this host on a generated buffer.

Prints one JSON object on stdout, so a PerfLab suite can extract each figure by JSON path.
The buffer is generated from a fixed seed: every run hashes and compresses the same bytes,
so differences between runs come from the host and the build, not from the data.
"""
import argparse
import hashlib
import json
import random
import sys
import time
import zlib


def make_buffer(size_mb: int, seed: int) -> bytes:
    # Text-like data (a small vocabulary in random order) compresses realistically, unlike zeros or noise.
    rng = random.Random(seed)
    words = [bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(512)]
    chunk = b" ".join(rng.choice(words) for _ in range(200_000))
    target = size_mb * 1024 * 1024
    return (chunk * (target // len(chunk) + 1))[:target]


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mb", type=int, default=16, help="buffer size in MiB")
    parser.add_argument("--algo", choices=["sha256", "zlib"], required=True)
    parser.add_argument("--level", type=int, default=6, help="zlib compression level")
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()
    if args.size_mb <= 0:
        print("size must be positive", file=sys.stderr)
        return 2

    data = make_buffer(args.size_mb, args.seed)
    mib = len(data) / (1024 * 1024)
    if args.algo == "sha256":
        digest, seconds = timed(lambda: hashlib.sha256(data).hexdigest())
        out = {"algo": "sha256", "size_mib": mib, "seconds": seconds, "throughput_mib_s": mib / seconds, "digest": digest}
    else:
        packed, seconds = timed(lambda: zlib.compress(data, args.level))
        unpacked, back_seconds = timed(lambda: zlib.decompress(packed))
        if unpacked != data:
            print("zlib round trip changed the data", file=sys.stderr)
            return 1
        out = {
            "algo": "zlib",
            "level": args.level,
            "size_mib": mib,
            "seconds": seconds,
            "throughput_mib_s": mib / seconds,
            "decompress_mib_s": mib / back_seconds,
            "ratio": len(data) / len(packed),
        }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
