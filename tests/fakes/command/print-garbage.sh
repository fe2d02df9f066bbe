#!/bin/sh
# Prints lines shaped like a figure whose value is not a number.
echo "throughput: fast fps"
echo '{"fps": "n/a", "latency": null}'
