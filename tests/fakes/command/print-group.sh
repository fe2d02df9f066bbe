#!/bin/sh
# Prints its own pid and process group id (field 5 of /proc/self/stat), to check it leads its own group.
echo "pid=$$"
echo "pgid=$(cut -d' ' -f5 /proc/$$/stat)"
