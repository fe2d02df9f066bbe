#!/bin/sh
# Hangs far past any test timeout and leaves descendants behind, writing every pid to the file in $1:
# this shell, a backgrounded child, an orphaned grandchild (its parent subshell exits at once) and the
# foreground child it waits on. A test checks that none of them outlives the kill.
pids="$1"
echo $$ >> "$pids.tmp"
sleep 300 &
echo $! >> "$pids.tmp"
( sleep 300 & echo $! >> "$pids.tmp" )
sh -c 'echo $$ >> "$1"; mv "$1" "$2"; exec sleep 300' sh "$pids.tmp" "$pids"
