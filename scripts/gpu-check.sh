#!/usr/bin/env bash
# The GPU checks of issues 3 and 4 in one prepared run, for a device machine lent for a
# few minutes (README, "Benchmarks"; docs/benchmarks.md records the figures).
#   here, from the repository root:      bash scripts/gpu-check.sh pack [VARIANT_COMMIT]
#   on the GPU machine, from the root:   bash .gpu-kit/payload/gpu-check.sh run OUT_DIR
# pack: single-file bundles of the bench, the sim CLI and encode-time (only `webgpu`
# external), and ../shared/gpu/make-kit.sh's kit with them and this script; with a commit, also
# that commit's bench as bench-variant.js (a change to time against this one on the same GPU).
# run: the adapter, then the place map's, the two rings' and the grid attractor's GPU benches, encode time with
# one and two chunks in flight, and 120 s of the place map through the sim CLI; with a variant,
# its ring bench and this one's again, alternated; each command's output in OUT_DIR, a failure in
# one not stopping the others.
set -uo pipefail
case "${1:-}" in
  pack)
    set -e
    for cli in bench sim encode-time; do npx vite build --ssr "src/cli/$cli.ts" --outDir "dist-node/$cli" --logLevel warn; done
    files=(dist-node/bench/bench.js dist-node/sim/sim.js dist-node/encode-time/encode-time.js scripts/gpu-check.sh)
    rm -f .gpu-kit/payload/bench-variant.js
    if [ -n "${2:-}" ]; then
      wt=$(mktemp -d)/variant
      git worktree add -q --detach "$wt" "$2"
      ln -s "$PWD/node_modules" "$wt/node_modules"
      (cd "$wt" && npx vite build --ssr src/cli/bench.ts --outDir "$OLDPWD/dist-node/bench-variant" --emptyOutDir --logLevel warn)
      git worktree remove --force "$wt"
      mv dist-node/bench-variant/bench.js dist-node/bench-variant/bench-variant.js
      files+=(dist-node/bench-variant/bench-variant.js)
    fi
    ../shared/gpu/make-kit.sh "${files[@]}"
    ;;
  run)
    out=${2:?usage: gpu-check.sh run OUT_DIR}
    mkdir -p "$out"
    kit=$(cd "$(dirname "$0")/.." && pwd)
    on() { local name=$1; shift; echo "== $name: $*"; timeout 240 bash "$kit/run.sh" node "$@" > "$out/$name.txt" 2>&1; echo "exit $?"; tail -n 15 "$out/$name.txt"; }
    nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv > "$out/gpu.txt" 2>&1; cat "$out/gpu.txt"
    p="$kit/payload"
    on place-map "$p/bench.js" place-map-formation --backend gpu --json "$out/place-map.json"
    on ring "$p/bench.js" working-memory-ring --backend gpu --json "$out/ring.json"
    on ring-half "$p/bench.js" working-memory-ring-half --backend gpu --json "$out/ring-half.json"
    on grid-attractor "$p/bench.js" grid-attractor --backend gpu --json "$out/grid-attractor.json"
    for k in 1 2; do on "encode-time-$k" "$p/encode-time.js" place-map-formation working-memory-ring --chunk 1000 --chunks 10 --in-flight "$k"; done
    on sim-place-map "$p/sim.js" place-map-formation --backend gpu --duration 120
    if [ -f "$p/bench-variant.js" ]; then
      for k in 1 2; do
        on "ring-variant-$k" "$p/bench-variant.js" working-memory-ring --backend gpu --json "$out/ring-variant-$k.json"
        on "ring-again-$k" "$p/bench.js" working-memory-ring --backend gpu --json "$out/ring-again-$k.json"
      done
    fi
    ;;
  *) echo "usage: gpu-check.sh pack | run OUT_DIR" >&2; exit 2 ;;
esac
