#!/usr/bin/env python3
"""Writes a synthetic nightly history in the CSV shape `perflab ingest` reads, for the ingest-memory figures in
docs/performance.md. Usage: history-csv.py ROWS OUT.csv [REPETITIONS DEVICES]  (defaults 5 and 50: runs of 20 rows)."""
import datetime
import random
import sys

rows, out = int(sys.argv[1]), sys.argv[2]
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
devices = int(sys.argv[4]) if len(sys.argv) > 4 else 50
metrics = [("fps", "fps", "higher"), ("latency_ms", "ms", "lower"), ("power_w", "W", "lower"), ("temp_c", "C", "lower")]
random.seed(1)
start = datetime.datetime(2025, 1, 1)
written = 0
with open(out, "w") as f:
    f.write("timestamp,build,device,suite,case,metric,unit,better,value\n")
    build = 0
    while written < rows:
        ts = (start + datetime.timedelta(hours=build)).strftime("%Y-%m-%dT%H:%M:%SZ")
        for d in range(devices):
            for name, unit, better in metrics:
                for _ in range(reps):
                    if written == rows:
                        break
                    f.write(f"{ts},b{build:05d},dev-{d:03d},yolo,yolov8s,{name},{unit},{better},{100 + random.gauss(0, 1):.4f}\n")
                    written += 1
        build += 1
