#!/bin/sh
# Writes a short error chain to stderr and exits with the code given (default 3).
echo "partial output before the failure"
echo "error: opening device failed" >&2
echo "caused by: status 74 (HAILO_OUT_OF_PHYSICAL_DEVICES)" >&2
exit "${1:-3}"
