#!/bin/sh
# Prints a figure twice, as a tool would: once in a human line, once as a final JSON summary line.
# Usage: print-figure.sh [fps]   (default 123.5)
fps="${1:-123.5}"
echo "loading model..."
echo "throughput: ${fps} fps"
echo "{\"fps\": ${fps}, \"latency\": {\"p50_ms\": [4.25, 5.5]}, \"label\": \"run\"}"
