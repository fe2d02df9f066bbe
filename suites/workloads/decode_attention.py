#!/usr/bin/env python3
"""PerfLab decode-attention workload: one bf16 decode step (Tq=1) of grouped-query attention on a CUDA GPU.

Prints the Hydra benchmark's result line, plus the peak memory PyTorch allocated:

    hydra_decode B=1 H=32 Hkv=8 Tkv=<Tkv> D=128 window=<w> iters=<n> ms_per_iter=<x.xxxx> peak_mem_mb=<m>

--variant full     attends over the whole KV cache with torch.nn.functional.scaled_dot_product_attention
                   (the comparison target); KV heads are expanded to the query heads with repeat_interleave.
--variant bounded  keeps --sinks first tokens plus the most recent --window tokens resident and attends
                   over those only (window=<w> in the line); the gather is part of each timed step.

Timing: --warmup untimed steps (shape-specific kernel selection and allocator warm-up), then --iters steps
each between CUDA events; ms_per_iter is the mean of the per-step event times. Exits 1 with a message on
stderr when CUDA is unavailable; never prints a figure it did not measure.
"""
import argparse
import sys

B, H, HKV, D = 1, 32, 8, 128


def parse_args(argv):
    p = argparse.ArgumentParser(description="PerfLab bf16 decode attention workload (GQA, Tq=1)")
    p.add_argument("--tkv", type=int, default=8192, help="KV cache length in tokens (1k to 128k)")
    p.add_argument("--variant", choices=("full", "bounded"), default="full")
    p.add_argument("--sinks", type=int, default=4, help="bounded: leading tokens kept resident")
    p.add_argument("--window", type=int, default=4096, help="bounded: most recent tokens kept resident (ignored by full)")
    p.add_argument("--iters", type=int, default=100)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)
    if not 1 <= a.tkv <= 1 << 20:
        p.error("--tkv must be between 1 and 1048576")
    if a.iters < 1 or a.warmup < 0 or a.sinks < 0 or a.window < 0:
        p.error("--iters >= 1, --warmup >= 0, --sinks >= 0 and --window >= 0 are required")
    if a.variant == "bounded" and a.window < 1:
        p.error("--variant bounded needs --window >= 1")
    return a


def main(argv):
    args = parse_args(argv)
    try:
        import torch
        import torch.nn.functional as F
    except ImportError as e:
        print(f"decode_attention.py: PyTorch is not importable ({e}); install torch with CUDA support", file=sys.stderr)
        return 1
    if not torch.cuda.is_available():
        print("decode_attention.py: CUDA is not available (torch.cuda.is_available() is False); "
              "this workload needs an NVIDIA GPU", file=sys.stderr)
        return 1

    dev = torch.device("cuda")
    torch.manual_seed(args.seed)
    q = torch.randn(B, H, 1, D, device=dev, dtype=torch.bfloat16)
    k = torch.randn(B, HKV, args.tkv, D, device=dev, dtype=torch.bfloat16)
    v = torch.randn_like(k)
    groups = H // HKV

    if args.variant == "bounded" and args.sinks + args.window < args.tkv:
        index = torch.cat([
            torch.arange(0, args.sinks, device=dev),
            torch.arange(args.tkv - args.window, args.tkv, device=dev),
        ])
        window_field = args.window
    else:
        index = None  # full attention, or a bounded set that already covers the whole cache
        window_field = args.window if args.variant == "bounded" else 0

    def step():
        kk, vv = (k, v) if index is None else (k.index_select(2, index), v.index_select(2, index))
        kk = kk.repeat_interleave(groups, dim=1)
        vv = vv.repeat_interleave(groups, dim=1)
        # The single query is the newest position, so every resident key is visible: no causal mask.
        return F.scaled_dot_product_attention(q, kk, vv, is_causal=False)

    with torch.no_grad():
        for _ in range(args.warmup):
            step()
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
        starts = [torch.cuda.Event(enable_timing=True) for _ in range(args.iters)]
        ends = [torch.cuda.Event(enable_timing=True) for _ in range(args.iters)]
        for i in range(args.iters):
            starts[i].record()
            out = step()
            ends[i].record()
        torch.cuda.synchronize()

    if out.shape != (B, H, 1, D) or not torch.isfinite(out.float()).all():
        print(f"decode_attention.py: bad output {tuple(out.shape)} or non-finite values", file=sys.stderr)
        return 1
    times = [s.elapsed_time(e) for s, e in zip(starts, ends)]
    ms = sum(times) / len(times)
    peak_mb = torch.cuda.max_memory_allocated() / (1024 * 1024)
    print(f"hydra_decode B={B} H={H} Hkv={HKV} Tkv={args.tkv} D={D} window={window_field} "
          f"iters={args.iters} ms_per_iter={ms:.4f} peak_mem_mb={peak_mb:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
