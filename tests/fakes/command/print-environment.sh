#!/bin/sh
# Prints where it runs and what it was given, one key=value per line, then a figure read from stdin if any.
echo "cwd=$(pwd)"
echo "greeting=${PERFLAB_TEST_GREETING:-}"
echo "build=${PERFLAB_BUILD:-}"
echo "device=${PERFLAB_DEVICE_ID:-}"
echo "repetition=${PERFLAB_REPETITION:-}"
echo "args=$*"
if [ "${READ_STDIN:-}" = "1" ]; then read -r line; echo "stdin=$line"; fi
